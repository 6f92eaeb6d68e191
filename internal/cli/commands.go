package cli

import (
	"flag"
	"fmt"
	"runtime/debug"
)

func buildCommand() *command {
	var source, dest, baseURL string
	var drafts, future, quiet, timings bool
	return &command{
		name:    "build",
		args:    "[-s DIR] [-d DIR] [--base-url URL] [--drafts] [--future] [--quiet] [--timings]",
		summary: "build the site into a folder",
		flags: func(fs *flag.FlagSet) {
			sourceFlag(fs, &source)
			fs.StringVar(&dest, "destination", "", "the output `folder` (default public inside the site folder)")
			fs.StringVar(&dest, "d", "", "")
			fs.StringVar(&baseURL, "base-url", "", "override base_url of site.yaml with `URL`")
			fs.BoolVar(&drafts, "drafts", false, "include drafts")
			fs.BoolVar(&future, "future", false, "include digests dated in the future")
			fs.BoolVar(&quiet, "quiet", false, "print nothing but errors")
			fs.BoolVar(&timings, "timings", false, "print the time and memory of each stage")
		},
		run: notYet("build"),
	}
}

func serveCommand() *command {
	var source, bind string
	var port int
	var drafts, future bool
	return &command{
		name:    "serve",
		args:    "[-s DIR] [--bind 127.0.0.1] [--port 1313] [--drafts] [--future]",
		summary: "preview the site, rebuilding on every change",
		flags: func(fs *flag.FlagSet) {
			sourceFlag(fs, &source)
			fs.StringVar(&bind, "bind", "127.0.0.1", "the `address` to listen on")
			fs.IntVar(&port, "port", 1313, "the `port` to listen on")
			fs.BoolVar(&drafts, "drafts", false, "include drafts")
			fs.BoolVar(&future, "future", false, "include digests dated in the future")
		},
		run: notYet("serve"),
	}
}

func importCommand() *command {
	var source, output, date string
	return &command{
		name:    "import",
		args:    "[-s DIR] [-o DIR] [--date YYYY-MM-DD] [--tag THEME]... FILE...",
		summary: "turn plain-text digests into Markdown digests",
		flags: func(fs *flag.FlagSet) {
			sourceFlag(fs, &source)
			fs.StringVar(&output, "output", "", "write digests to `folder` (default content/ of the site)")
			fs.StringVar(&output, "o", "", "")
			fs.StringVar(&date, "date", "", "the `date` of the digests")
		},
		run: notYet("import"),
	}
}

func versionCommand() *command {
	return &command{
		name:    "version",
		args:    "",
		summary: "print the version of signal",
		run: func(e *env, args []string) int {
			if len(args) > 0 {
				fmt.Fprintln(e.stderr, "signal version: takes no arguments")
				return ExitUsage
			}
			fmt.Fprintln(e.stdout, version())
			return ExitOK
		},
	}
}

// version is the module version and the VCS revision it was built from.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "signal (unknown version)"
	}
	v := "signal " + info.Main.Version
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+dirty"
			}
		}
	}
	if rev != "" {
		v += " (" + rev + modified + ")"
	}
	return v + " " + info.GoVersion
}
