// Command gencorpus writes a synthetic archive of digests for benchmarks:
// a signal site, and with -hugo the same archive as a Hugo site.
//
//	go run ./cmd/gencorpus -n 10000 -o /tmp/corpus -hugo /tmp/corpus-hugo
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/signaldigest/signal/internal/corpus"
)

func main() {
	n := flag.Int("n", 10000, "number of digests")
	seed := flag.Uint64("seed", 1, "random seed: the same seed gives the same archive")
	out := flag.String("o", "", "write the signal site to `folder` (must not exist)")
	hugo := flag.String("hugo", "", "also write the Hugo site to `folder` (must not exist)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 || *n < 1 {
		flag.Usage()
		os.Exit(2)
	}
	digests := corpus.Generate(corpus.Options{N: *n, Seed: *seed})
	sites := map[string]map[string][]byte{*out: corpus.Files(digests)}
	if *hugo != "" {
		sites[*hugo] = corpus.HugoFiles(digests)
	}
	for dir, files := range sites {
		if _, err := os.Stat(dir); err == nil {
			fmt.Fprintf(os.Stderr, "gencorpus: %s exists; give a new folder\n", dir)
			os.Exit(1)
		}
		if err := corpus.Write(dir, files); err != nil {
			fmt.Fprintln(os.Stderr, "gencorpus:", err)
			os.Exit(1)
		}
	}
}
