// Package diag holds the errors signal reports about a user's files: a
// FileError names a file, a line and a column, and a List collects every
// problem of a run so that they are sorted and printed together.
package diag
