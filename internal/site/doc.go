// Package site turns the digests and the settings into the site model: every
// page of the spec's URL layout (§4) with the digests it lists, the
// taxonomies of themes, sources, stances and convictions, pagination and
// permalinks. It decides what pages exist and where; it writes nothing.
package site
