// Package examples holds the bundled example meetings that minutes demo
// loads: the seed conference of the Sóc Trăng City Party Standing Board and
// others written to exercise both header styles and co-chairs.
package examples

import "embed"

// FS holds the example records, one YAML file each, in load order.
//
//go:embed *.yaml
var FS embed.FS
