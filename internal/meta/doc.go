// Package meta parses the YAML that signal reads (site.yaml and digests'
// front matter) into a small tree of Nodes that keep their line and column
// in the file they came from, so that later stages can point at a bad value.
//
// It wraps go.yaml.in/yaml/v3: that parser keeps positions on its yaml.Node,
// but its tree carries aliases, tags and document nodes that the stages
// above should not have to know about.
package meta
