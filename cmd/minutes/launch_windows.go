package main

import (
	"syscall"
	"unsafe"
)

// launchedFromExplorer reports whether minutes.exe was started by a
// double-click: Windows then made a console for this process alone, whereas
// a command prompt's console also holds the prompt itself.
func launchedFromExplorer() bool {
	proc := syscall.NewLazyDLL("kernel32.dll").NewProc("GetConsoleProcessList")
	if proc.Find() != nil {
		return false
	}
	var ids [2]uint32
	n, _, _ := proc.Call(uintptr(unsafe.Pointer(&ids[0])), uintptr(len(ids)))
	return n == 1
}
