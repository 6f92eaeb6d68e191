package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	signal "github.com/signaldigest/signal"

	"github.com/signaldigest/signal/internal/build"
	"github.com/signaldigest/signal/internal/diag"
)

func checkCommand() *command {
	var source string
	return &command{
		name:    "check",
		args:    "[-s DIR]",
		summary: "validate site.yaml and every digest, writing nothing",
		flags:   func(fs *flag.FlagSet) { sourceFlag(fs, &source) },
		run: func(e *env, args []string) int {
			if len(args) > 0 {
				fmt.Fprintf(e.stderr, "signal check: unexpected argument %q\n", args[0])
				return ExitUsage
			}
			// What a build does, drafts and future digests included: the
			// digests, the site model, the layouts, then every page and
			// static file, on every core, writing none.
			if !isSite(e, "check", source) {
				return ExitUsage
			}
			out, problems := build.Prepare(os.DirFS(source), build.Options{Theme: signal.Theme, Drafts: true, Future: true, Now: time.Now()})
			if problems.Err() == nil {
				problems = append(problems, out.CheckAll()...)
			}
			if report(e.stderr, problems) {
				return ExitContent
			}
			digests := out.Site().Digests
			themes, handles := map[string]bool{}, map[string]bool{}
			for _, d := range digests {
				for _, t := range d.Themes {
					themes[t.Slug] = true
				}
				for _, s := range d.Sources {
					handles[s.Slug] = true
				}
			}
			fmt.Fprintf(e.stderr, "ok: %s, %s, %s\n", count(len(digests), "digest"), count(len(themes), "theme"), count(len(handles), "source"))
			return ExitOK
		},
	}
}

// report prints every problem, sorted, one per line, and tells whether any
// of them is an error.
func report(w io.Writer, problems diag.List) bool {
	problems.Sort()
	for _, p := range problems {
		fmt.Fprintln(w, p.Error())
	}
	return problems.Err() != nil
}
