// Command minutes keeps the minutes (biên bản) of Party committee and
// People's Committee conferences and prints them in the official formats.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := Execute(ctx, os.Args[1:], SystemIO(), os.Getenv)
	stop()
	os.Exit(code)
}
