package render

import "testing"

// A buffer grown by one large page, the archive of a large site, is not
// lent again: kept in the pool, it would stay in memory through the
// thousands of small pages made after it.
func TestReleaseLetsLargeBuffersGo(t *testing.T) {
	big := Buffer()
	big.Grow(maxPooled + 1)
	Release(big)
	for range 20 {
		b := Buffer()
		if b == big {
			t.Fatalf("a buffer of %d bytes was lent again; the pool keeps those of %d at most", big.Cap(), maxPooled)
		}
		b.Reset()
		Release(b)
	}
	// Smaller ones are kept (the race detector's pool drops some).
	for range 20 {
		small := Buffer()
		small.Grow(64 << 10)
		Release(small)
		if Buffer() == small {
			return
		}
	}
	t.Error("a buffer of 64 KB was never lent again")
}
