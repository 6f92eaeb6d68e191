package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	signal "github.com/signaldigest/signal"
	"github.com/signaldigest/signal/internal/build"
	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/output"
)

type buildFlags struct {
	source, dest, baseURL          string
	drafts, future, quiet, timings bool
}

// memoryLimit is the build's soft memory limit (GOMEMLIMIT overrides it):
// a 100,000-digest build holds some 600 MB, and the closer the limit, the
// more often the collector runs; but the process's resident memory was up
// to 80 MiB above the limit (950 MiB gave 1,029 MiB), and it must stay
// under the GiB.
const memoryLimit = 900 << 20

func runBuild(e *env, f *buildFlags, args []string) int {
	if len(args) > 0 {
		fmt.Fprintf(e.stderr, "signal build: unexpected argument %q\n", args[0])
		return ExitUsage
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// A soft limit: past it the garbage collector works harder rather
		// than let the build of a large archive grow past a gigabyte.
		debug.SetMemoryLimit(memoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		// The heap may grow by half of what is live rather than all of it
		// before a collection: a 10,000-digest build then peaks at 143–148
		// MB rather than 185 at 100 (155–164 at 70), in the same time.
		debug.SetGCPercent(50)
	}
	opts := build.Options{Theme: signal.Theme, Drafts: f.drafts, Future: f.future, Now: time.Now(), Timings: f.timings}
	if f.baseURL != "" {
		u, msg := config.ParseBaseURL(f.baseURL)
		if msg != "" {
			value := "" // when msg does not name it
			if !strings.Contains(msg, strconv.Quote(f.baseURL)) {
				value = " " + strconv.Quote(f.baseURL)
			}
			fmt.Fprintf(e.stderr, "signal build: --base-url%s: %s\n", value, msg)
			return ExitUsage
		}
		opts.BaseURL = u
	}
	if !isSite(e, "build", f.source) { // before the output folder is made, which would make it
		return ExitUsage
	}
	dest := f.dest
	if dest == "" {
		dest = filepath.Join(f.source, "public")
	}
	if err := output.CheckDestination(f.source, dest); err != nil {
		fmt.Fprintf(e.stderr, "signal build: %v\n", err)
		return ExitUsage
	}
	start := time.Now()
	_, statErr := os.Stat(dest)
	existed := statErr == nil
	sink, err := output.NewDir(dest)
	if err != nil {
		fmt.Fprintf(e.stderr, "signal build: %v\n", err)
		return ExitContent
	}
	var live *progress // the live progress line, on a terminal only
	if !f.quiet && isTerminal(e.stderr) {
		live = newProgress(e.stderr, time.Now)
		opts.Progress = live.update
	}
	stats, problems := build.Run(os.DirFS(f.source), sink, opts)
	live.clear()
	if f.quiet {
		problems = problems.Errors() // nothing but errors
	}
	if report(e.stderr, problems) {
		_ = sink.Abort()
		if existed {
			fmt.Fprintf(e.stderr, "signal build: failed; %s is unchanged\n", dest)
		} else {
			fmt.Fprintf(e.stderr, "signal build: failed; %s was not made\n", dest)
		}
		return ExitContent
	}
	if err := sink.Commit(); errors.As(err, new(*output.LeftoverError)) {
		if !f.quiet {
			fmt.Fprintf(e.stderr, "signal build: warning: %v\n", err)
		}
	} else if err != nil {
		_ = sink.Abort()
		fmt.Fprintf(e.stderr, "signal build: %v\n", err)
		return ExitContent
	}
	if f.timings {
		for _, s := range stats.Stages {
			fmt.Fprintf(e.stderr, "  %-8s %7.1f ms  cpu %7.1f ms  gc %6.1f ms  %8.1f MB allocated  %7.1f MB heap\n",
				s.Name, ms(s.Took), ms(s.CPU), ms(s.GC), float64(s.Alloc)/1e6, float64(s.Heap)/1e6)
		}
	}
	if !f.quiet {
		fmt.Fprintf(e.stderr, "signal: %s → %s, %s, %s in %s, %d ms%s\n", count(stats.Digests, "digest"),
			count(stats.Pages, "page"), count(stats.Feeds, "feed"), count(stats.Files, "file"), dest, time.Since(start).Milliseconds(),
			build.LeftOut(stats.Drafts, stats.Future))
	}
	return ExitOK
}

// count writes n things: "1 digest", "2 digests".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}

// ms gives a duration in milliseconds, to a tenth.
func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
