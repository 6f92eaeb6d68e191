// Package output is where a build's files go: a Dir writes them into a
// fresh folder beside the destination and swaps it into place only when the
// whole build succeeded, so the destination is always either the old site
// or the new one; a Memory keeps them in a map for `signal serve`.
package output
