// Package config reads site.yaml into a Config: every key of the settings
// table in the spec, with its default, validated, each bad value reported as
// an error and each unknown key as a warning at its line in site.yaml.
package config
