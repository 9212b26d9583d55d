//go:build tools

// Package tools pins Jaeger v2 (Apache-2.0) for the end-to-end test. Jaeger's own module has replace
// directives, so `go install …@v1.76.0` refuses it; this wrapper module builds the same command.
package tools

import _ "github.com/jaegertracing/jaeger/cmd/jaeger"
