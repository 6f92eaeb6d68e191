// Command signal compiles a folder of market-signal digests into a static
// site. See `signal --help`.
package main

import (
	"os"

	"github.com/signaldigest/signal/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
