// Package output is where a build's files go: a Dir writes them into a
// fresh folder beside the destination and swaps it into place only when the
// whole build succeeded, so the destination is always either the old site
// or the new one; a Memory keeps them in a map, for tests and for the
// files serve makes once for every request (the search index, the static
// files, the sitemap).
//
// Crash safety (SPEC §5): a build killed at any moment, even by SIGKILL,
// leaves the destination whole. Its folder is named
// ".<dest>.signal-build-<random>" and sits beside the destination; the swap
// is one renameat2(RENAME_EXCHANGE) on Linux and one
// renamex_np(RENAME_SWAP) on macOS, so no moment exists when the
// destination is missing or mixed. Elsewhere (Windows, the BSDs, file
// systems that refuse the exchange) the swap takes two renames; a kill
// between them leaves the destination missing, with the old site beside it
// ending in "-old", until the next build puts it back. Every build holds a
// flock on its folder, so the next build removes exactly the folders of
// builds that are no longer running. Files are not synced to disk: a power
// cut is not a kill, and the site can always be built again.
package output
