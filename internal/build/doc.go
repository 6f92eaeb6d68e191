// Package build is the pipeline: it runs the stages in order — settings,
// content, site model, layouts (Prepare), then search index, feeds and
// pages (Output.Write) — and hands what they make to a sink. `signal
// build` runs the whole pipeline into an output.Dir (Run).
//
// `signal serve` runs the same stages but for the last: from Prepare it
// keeps the Output, and makes each file as a browser asks for it
// (Output.File), with a Cache that carries what an edit did not change
// from one build to the next. This departs from STYLE.md's "build and serve
// differ only in the sink they pass": writing every file into memory on
// every save cost a 10,000-digest archive seconds, where making the page
// asked for costs milliseconds (issue 6's targets for serve). Output.Check
// then makes every page in the background, so that an error only some
// pages meet is found as a build finds it.
package build
