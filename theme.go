// Package signal holds the built-in theme of the signal site generator:
// the layouts/ and static/ folders at the root of the repository, embedded
// so that a site folder with only content/ builds. The command is in
// cmd/signal; the pipeline is in internal/.
package signal

import "embed"

// Theme is the built-in theme: layouts/ (html/template files) and static/
// (copied to the output root). A site's own layouts/ and static/ override
// it file by file.
//
//go:embed layouts static
var Theme embed.FS
