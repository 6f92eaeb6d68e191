// Package build is the pipeline: it lists the stages in order — settings,
// content, site model, pages, feeds, search index — and hands what they
// make to an output sink. `signal build` and `signal serve` run the same
// pipeline and differ only in the sink.
package build
