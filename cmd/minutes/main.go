// Command minutes keeps the minutes (biên bản) of Party committee and
// People's Committee conferences and prints them in the official formats.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	args := os.Args[1:]
	if len(args) == 0 && launchedFromExplorer() {
		// A secretary double-clicked minutes.exe: the web interface, not a
		// help text in a window that closes at once.
		args = []string{"serve", "--open"}
	}
	code := Execute(ctx, args, SystemIO(), os.Getenv)
	stop()
	os.Exit(code)
}
