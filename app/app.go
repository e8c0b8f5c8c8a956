// Package app holds the operations a user performs — record, import, edit
// with a version check, delete a draft, finalize, amend with a reason, back
// up and restore, follow up a task, set office defaults, produce a document
// — once, for every front end: the command line and the web server call the
// same functions, so a rule enforced in one is enforced in both.
//
// Each operation takes plain values and returns domain values or a
// *minutes.Error, whose messages the front end puts into words in its
// reader's language. The rules themselves live in the domain (package
// minutes); app composes them with the store, the record format and the
// documents.
//
// app imports minutes, record and report. It never imports a database
// driver or the store's package: it is given a Store. It never imports a
// front end (cobra, net/http, the terminal form).
package app

import (
	"context"
	"sync"
	"time"

	"github.com/minutes-vn/minutes/minutes"
)

// Store is what the operations need of the database: meetings, tasks and
// office defaults. minutes/sqlstore implements it over SQLite and
// PostgreSQL.
type Store interface {
	minutes.Store
	minutes.TaskService
	minutes.SettingStore
	minutes.DraftStore
	minutes.NumberStore
	minutes.AccountStore

	// CreateMeetingsFrom stores, in one transaction, the meetings next
	// returns until it returns nil, calling progress (when not nil) with
	// the number written so far; an error from next rolls all back.
	CreateMeetingsFrom(ctx context.Context, next func() (*minutes.Meeting, error), progress func(done int)) (int, error)

	// Sealed returns every meeting finalized now or before (id alone when
	// not 0) as its tables hold it, with the history entries that finalized,
	// amended or restored it, oldest first; Meeting is nil for one no longer
	// stored. What Verify checks.
	Sealed(ctx context.Context, id int64) ([]*minutes.Archive, error)

	// BackupTo hands put the whole backup a part at a time: the header,
	// the meetings, the deleted drafts, the reports' numbers. It returns
	// the number of meetings.
	BackupTo(ctx context.Context, put func(*minutes.BackupPart) error) (int, error)

	// RestoreFrom restores, in one transaction, the parts next returns
	// until it returns nil: all or nothing. ECONFLICT, EINVALID.
	RestoreFrom(ctx context.Context, next func() (*minutes.BackupPart, error)) (restored, skipped int, err error)

	// Ping reports whether the database answers.
	Ping(ctx context.Context) error

	// Check runs the database's own integrity check.
	Check(ctx context.Context) (minutes.Integrity, error)
}

// Service runs the operations over one store.
type Service struct {
	open  func(ctx context.Context) (Store, error)
	once  sync.Mutex
	store Store

	// Today is the day against which tasks are overdue and reports are
	// dated: the local date by default; tests and the command line's
	// MINUTES_TODAY fix it.
	Today func() minutes.Date
}

func localToday() minutes.Date { return minutes.DateOf(time.Now()) }

// New returns a service over the store that open opens on first use, so
// that an operation that stores nothing (a rejected import, a blank
// record) never creates a database as a side effect.
func New(open func(ctx context.Context) (Store, error)) *Service {
	return &Service{open: open, Today: localToday}
}

// Over returns a service over an open store.
func Over(s Store) *Service {
	return &Service{store: s, Today: localToday}
}

// Store opens the store on first use.
func (s *Service) Store(ctx context.Context) (Store, error) {
	s.once.Lock()
	defer s.once.Unlock()
	if s.store == nil {
		st, err := s.open(ctx)
		if err != nil {
			return nil, err
		}
		s.store = st
	}
	return s.store, nil
}

// Ping reports whether the database answers, opening it on first use.
func (s *Service) Ping(ctx context.Context) error {
	st, err := s.Store(ctx)
	if err != nil {
		return err
	}
	return st.Ping(ctx)
}

// Opened returns the store when it has been opened, else nil.
func (s *Service) Opened() Store {
	s.once.Lock()
	defer s.once.Unlock()
	return s.store
}

// storeFor opens the store for an operation that needs perm: EFORBIDDEN,
// before anything is read or written, when the principal of ctx (the
// signed-in account; the local operator when none) lacks it. The store
// itself keeps every query within the principal's organisations.
func (s *Service) storeFor(ctx context.Context, perm minutes.Permission) (Store, error) {
	if err := minutes.Require(ctx, perm); err != nil {
		return nil, err
	}
	return s.Store(ctx)
}

// checkOrg refuses a record of an organisation the principal of ctx does
// not belong to: a secretary records only their own office's meetings.
func checkOrg(ctx context.Context, org string) error {
	if minutes.PrincipalOf(ctx).Sees(org, minutes.StatusDraft) {
		return nil
	}
	return minutes.Errorm(minutes.EFORBIDDEN, "access.other_org", org)
}

// Check runs the database's own integrity check: damage found is in the
// result; an error means the check itself could not run. A file too
// damaged to open is the error of opening it (db.corrupt).
func (s *Service) Check(ctx context.Context) (minutes.Integrity, error) {
	db, err := s.storeFor(ctx, minutes.PermAdmin)
	if err != nil {
		return minutes.Integrity{}, err
	}
	return db.Check(ctx)
}
