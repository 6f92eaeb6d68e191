// Package cli is signal's command line: it takes the arguments of one run,
// parses each subcommand's flags, wires the pipeline stages together and
// returns the exit status — 0 success, 1 a problem with the content or
// settings, 2 a usage error.
package cli
