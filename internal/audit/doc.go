// Package audit takes the sample archive at the root of the repository,
// builds it in memory and returns what a reader's own checking tools find
// on every page kind of SPEC §4. It holds only tests:
//
//   - axe-core, injected into Chromium through chromedp, on every page kind
//     in light and dark colour schemes at 375 and 1280 CSS pixels wide,
//     which also checks that no page scrolls sideways on a phone and that no
//     page asks any other host for anything;
//   - the Nu HTML Checker (vnu.jar) over every built page, in one run;
//   - the weight of the theme: its CSS, its scripts, and a digest page.
//
// The checkers come from npm (axe-core and vnu-jar) and Debian
// (default-jre-headless, chromium); .ci/run installs them and names their
// folder in SIGNAL_AUDIT_TOOLS. Without them the audits fail under CI and
// are skipped, loudly, elsewhere. SIGNAL_AUDIT_SCREENSHOTS=DIR also writes
// a full-page screenshot of every page kind, width and scheme there.
package audit
