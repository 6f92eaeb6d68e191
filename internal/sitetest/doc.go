// Package sitetest reads whole sites for tests from txtar archives: one file
// holds site.yaml, the digests and any layouts, as in Hugo's integration
// tests. Files under want/ are expectations, not part of the site. Names
// lists what a folder holds, for tests of what a build leaves on disk;
// ParseHTML, Walk and Attr read the pages it makes.
package sitetest
