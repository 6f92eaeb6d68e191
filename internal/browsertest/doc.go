// Package browsertest takes a test and returns a headless Chromium to drive
// with chromedp, for the browser tests of serve and search and for the
// audits. It is used by tests only.
package browsertest
