//go:build !windows

package main

// launchedFromExplorer is for Windows only: elsewhere a program started
// without arguments was started from a terminal or a script.
func launchedFromExplorer() bool { return false }
