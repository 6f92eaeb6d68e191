package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/diag"
)

// Exit statuses.
const (
	ExitOK      = 0
	ExitContent = 1
	ExitUsage   = 2
)

// command is one subcommand.
type command struct {
	name    string
	args    string // the synopsis after the name
	summary string
	flags   func(fs *flag.FlagSet) // declares the flags, bound to run's state
	run     func(env *env, args []string) int
}

// env is what a command may touch beyond its flags.
type env struct {
	stdout, stderr io.Writer
}

func commands() []*command {
	return []*command{
		buildCommand(),
		serveCommand(),
		checkCommand(),
		newCommand(),
		importCommand(),
		versionCommand(),
	}
}

// Main runs signal with args (without the program name) and returns the exit
// status.
func Main(args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return ExitUsage
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 && args[1] != "help" {
			if c := lookup(args[1]); c != nil {
				commandUsage(stdout, c, newFlagSet(c, io.Discard))
				return ExitOK
			}
			fmt.Fprintf(stderr, "signal help: unknown command %q\n", args[1])
			return ExitUsage
		}
		usage(stdout)
		return ExitOK
	}
	c := lookup(name)
	if c == nil {
		fmt.Fprintf(stderr, "signal: unknown command %q", name)
		if near := nearest(name); near != "" {
			fmt.Fprintf(stderr, " (did you mean %s?)", near)
		}
		fmt.Fprint(stderr, "\n\n")
		usage(stderr)
		return ExitUsage
	}
	fs := newFlagSet(c, stderr)
	rest, err := parse(fs, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		commandUsage(stdout, c, fs)
		return ExitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "signal %s: %v", c.name, err)
		if written, ok := strings.CutPrefix(err.Error(), "unknown flag "); ok {
			if near := nearestFlag(fs, strings.TrimLeft(written, "-")); near != "" {
				fmt.Fprintf(stderr, " (did you mean --%s?)", near)
			}
		}
		fmt.Fprintln(stderr)
		commandUsage(stderr, c, fs)
		return ExitUsage
	}
	return c.run(e, rest)
}

func lookup(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

func newFlagSet(c *command, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("signal "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are printed by Main, with the usage
	if c.flags != nil {
		c.flags(fs)
	}
	return fs
}

// parse parses flags wherever they stand among the arguments, so that
// `signal new "A title" --date 2026-11-24` works as well as the other order.
// A lone "--" ends the flags.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, unknownFlag(err, args)
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		if args[0] == "--" {
			return append(rest, args[1:]...), nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// unknownFlag words the flag package's errors with the flag as it was
// written: "unknown flag --port", not "-port", and "invalid value "x" for
// flag --port".
func unknownFlag(err error, args []string) error {
	if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -"); ok {
		return fmt.Errorf("unknown flag %s", written(name, args))
	}
	if !flagInMsg.MatchString(err.Error()) {
		return err // flag.ErrHelp among others, which callers compare
	}
	msg := err.Error()
	if m, ok := strings.CutSuffix(msg, ": parse error"); ok && strings.HasPrefix(msg, "invalid boolean value") {
		msg = m + ": want true or false"
	}
	return errors.New(flagInMsg.ReplaceAllStringFunc(msg, func(m string) string {
		at := strings.LastIndex(m, " -") + 1
		return m[:at] + written(m[at+1:], args)
	}))
}

// flagInMsg finds the flag that the flag package names in its other errors.
var flagInMsg = regexp.MustCompile(`^(?:invalid (?:boolean )?value "(?:[^"\\]|\\.)*" for (?:flag )?|flag needs an argument: )-[A-Za-z][A-Za-z-]*`)

// written is the flag name as args write it (--port, -p), or else with --
// when it is a long one.
func written(name string, args []string) string {
	for _, a := range args {
		if flagName, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "="); flagName == name && strings.HasPrefix(a, "-") {
			a, _, _ = strings.Cut(a, "=")
			return a
		}
	}
	if len(name) > 1 {
		return "--" + name
	}
	return "-" + name
}

// nearest is the command that name misspells by one or two letters, or "".
func nearest(name string) string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return diag.Nearest(name, names...)
}

// nearestFlag is the long flag of fs that name misspells by one or two
// letters, or "".
func nearestFlag(fs *flag.FlagSet, name string) string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	return diag.Nearest(name, names...)
}

func usage(w io.Writer) {
	fmt.Fprint(w, "signal compiles a folder of market-signal digests into a static site.\n\nUsage:\n\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  signal %-7s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nRun 'signal COMMAND --help' for a command's flags.\n")
}

func commandUsage(w io.Writer, c *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: %s\n\n%s\n", strings.TrimSpace("signal "+c.name+" "+c.args), capitalize(c.summary))
	var lines []string
	fs.VisitAll(func(f *flag.Flag) {
		if alias[f.Name] != "" {
			return
		}
		name := "--" + f.Name
		for short, long := range alias {
			if long == f.Name {
				name = "-" + short + ", " + name
			}
		}
		arg, help := flag.UnquoteUsage(f)
		if arg != "" {
			name += " " + strings.ToUpper(arg)
		}
		if f.DefValue != "" && f.DefValue != "false" {
			help += " (default " + f.DefValue + ")"
		}
		lines = append(lines, fmt.Sprintf("  %-26s %s", name, help))
	})
	if len(lines) > 0 {
		fmt.Fprintf(w, "\nFlags:\n%s\n", strings.Join(lines, "\n"))
	}
}

// alias maps short flag names to the long ones they stand for.
var alias = map[string]string{"s": "source", "d": "destination", "o": "output"}

// sourceFlag declares -s/--source.
func sourceFlag(fs *flag.FlagSet, dst *string) {
	textFlag(fs, dst, "source", ".", "the site `folder`")
	textFlag(fs, dst, "s", ".", "")
}

// textFlag declares a flag of text that may not be given empty: in a
// script, --base-url "$URL" with URL unset is a mistake to stop at, not
// a request for the default.
func textFlag(fs *flag.FlagSet, dst *string, name, value, usage string) {
	*dst = value
	fs.Var(text{dst}, name, usage)
}

type text struct{ s *string }

func (t text) String() string {
	if t.s == nil {
		return ""
	}
	return *t.s
}

func (t text) Set(v string) error {
	if v == "" {
		return errors.New("must not be empty")
	}
	*t.s = v
	return nil
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// isSite reports whether source is a folder, saying on stderr when it is
// not: every command reads a site folder, and none makes one.
func isSite(e *env, cmd, source string) bool {
	if info, err := os.Stat(source); err != nil || !info.IsDir() {
		fmt.Fprintf(e.stderr, "signal %s: no site folder at %s\n", cmd, source)
		return false
	}
	// Run from inside content/ or a folder of it, new would write
	// content/content/ and build an empty site into content/public/.
	if isPath(filepath.Join(source, "site.yaml")) || isPath(filepath.Join(source, content.Dir)) {
		return true
	}
	// A folder further up named content is a site's when the folder that
	// holds it has a site.yaml: /srv/content/new-site may be a new site.
	abs, err := filepath.Abs(source)
	for at := abs; err == nil && filepath.Dir(at) != at; at = filepath.Dir(at) {
		if filepath.Base(at) == content.Dir && (at == abs || isPath(filepath.Join(filepath.Dir(at), "site.yaml"))) {
			fmt.Fprintf(e.stderr, "signal %s: %s is in the content/ folder of a site, not a site folder: run signal in the folder that holds content/, or give it with -s\n", cmd, source)
			return false
		}
	}
	return true
}

func isPath(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// println writes line to the standard output, and says so on the standard
// error when it cannot (a full disk, >/dev/full): a script that reads the
// path of the file written, path=$(signal new ...), must not take an empty
// answer for one.
func (e *env) println(command, line string) int {
	if _, err := fmt.Fprintln(e.stdout, line); err != nil {
		fmt.Fprintf(e.stderr, "signal %s: cannot write %q to the standard output: %v\n", command, line, err)
		return ExitContent
	}
	return ExitOK
}
