package site

import "flag"

// go test ./... -update rewrites the golden files of the packages that keep
// some; this one keeps none, and takes the flag so that the command runs.
var _ = flag.Bool("update", false, "rewrite golden files (this package has none)")
