package app

import (
	"context"

	"github.com/minutes-vn/minutes/minutes"
)

// Tasks returns the tasks that f selects; an overdue filter is judged
// today. EUSAGE for a filter that cannot be answered.
func (s *Service) Tasks(ctx context.Context, f minutes.TaskFilter) ([]minutes.Task, error) {
	if f.Overdue && f.Today.IsZero() {
		f.Today = s.Today()
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	db, err := s.storeFor(ctx, minutes.PermRead)
	if err != nil {
		return nil, err
	}
	return db.FindTasks(ctx, f)
}

// TaskDone marks task id done on the given day (today when zero) with a
// note of what was done. EINVALID for a day in the future or before the
// meeting, or without a note; ENOTFOUND; ECONFLICT when it is not open.
func (s *Service) TaskDone(ctx context.Context, id int64, on minutes.Date, note string) (*minutes.Task, error) {
	today := s.Today()
	if on.IsZero() {
		on = today
	}
	if today.Before(on) {
		return nil, minutes.Errorm(minutes.EINVALID, "tasks.done_future", id, on.Short(), today.Short())
	}
	db, err := s.storeFor(ctx, minutes.PermRecord)
	if err != nil {
		return nil, err
	}
	return db.SetTaskDone(ctx, id, on, note)
}

// DropTask records that task id will not be done, and why. ENOTFOUND,
// ECONFLICT when done or dropped, EINVALID without a reason.
func (s *Service) DropTask(ctx context.Context, id int64, reason string) (*minutes.Task, error) {
	db, err := s.storeFor(ctx, minutes.PermRecord)
	if err != nil {
		return nil, err
	}
	return db.DropTask(ctx, id, reason)
}

// ReopenTask puts task id back to open, to correct a mistake. ENOTFOUND,
// ECONFLICT when open, EINVALID without a reason.
func (s *Service) ReopenTask(ctx context.Context, id int64, reason string) (*minutes.Task, error) {
	db, err := s.storeFor(ctx, minutes.PermRecord)
	if err != nil {
		return nil, err
	}
	return db.ReopenTask(ctx, id, reason)
}

// AddTaskNote appends a progress note to task id. ENOTFOUND, EINVALID for
// an empty note.
func (s *Service) AddTaskNote(ctx context.Context, id int64, text string) (*minutes.Task, error) {
	db, err := s.storeFor(ctx, minutes.PermRecord)
	if err != nil {
		return nil, err
	}
	return db.AddTaskNote(ctx, id, text)
}

var taskMessages = minutes.Messages{
	"tasks.done_future": {"việc số %d: ngày hoàn thành %s là ngày trong tương lai (hôm nay là %s)", "task %d: the day it was done, %s, is in the future (today is %s)"},
}
