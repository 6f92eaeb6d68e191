package search

import (
	"encoding/hex"
	"iter"
	"unicode/utf8"
)

// The binary files of the index are made of unsigned LEB128 varints and
// bytes. doc.go describes each file.

func appendVarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

func varintLen(v uint64) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}

// Encodings of a set of ids.
const (
	sparse = 0 // the count, then the first id and the gaps between ids
	dense  = 1 // the count, then one bit per digest of the archive
)

// appendIDs encodes count increasing ids out of n digests, in whichever
// form is smaller.
func appendIDs(b []byte, ids iter.Seq[int32], count, n int) []byte {
	size := 0
	prev := int32(-1)
	for id := range ids {
		size += varintLen(uint64(id - prev))
		prev = id
	}
	b = appendVarint(append(b, sparse), uint64(count))
	if (n+7)/8 < size {
		b[len(b)-1-varintLen(uint64(count))] = dense
		start := len(b)
		b = append(b, make([]byte, (n+7)/8)...)
		for id := range ids {
			b[start+int(id>>3)] |= 1 << (id & 7)
		}
		return b
	}
	prev = -1
	for id := range ids {
		b = appendVarint(b, uint64(id-prev))
		prev = id
	}
	return b
}

// shardKey is the name of the dictionary shard that holds a term: its
// first two characters, or its first one in the scripts indexed by pairs of
// characters, so that one character typed finds every pair it starts.
func shardKey(term string) string {
	r, n := utf8.DecodeRuneInString(term)
	if unspaced(r) || n == len(term) {
		return term[:n]
	}
	_, m := utf8.DecodeRuneInString(term[n:])
	return term[:n+m]
}

// fileName turns a term or a key into a file name that is the same in
// every file system and URL: the hex digits of its UTF-8 bytes.
func fileName(s string) string { return hex.EncodeToString([]byte(s)) }
