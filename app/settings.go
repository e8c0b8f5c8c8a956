package app

import (
	"context"
	"path/filepath"

	"github.com/minutes-vn/minutes/minutes"
)

// SetSetting checks and stores an office default and returns the value as
// stored (trimmed, NFC). EUSAGE for an unknown key, EINVALID for a value
// the field refuses.
func (s *Service) SetSetting(ctx context.Context, key, value string) (string, error) {
	v, err := minutes.CheckSetting(key, value)
	if err != nil {
		return "", err
	}
	if _, named := minutes.SettingsOrg(ctx); named && key == "term_start" {
		return "", minutes.Errorm(minutes.EUSAGE, "config.term_start_org")
	}
	if key == "reference_doc" {
		// Checked now, not at the first print: a typo is found while the
		// person who made it is here.
		if v, err = filepath.Abs(v); err == nil {
			_, err = readReference(v, "")
		}
		if err != nil {
			return "", err
		}
	}
	db, err := s.storeFor(ctx, minutes.PermAdmin)
	if err != nil {
		return "", err
	}
	return v, db.SetSetting(ctx, key, v)
}

// UnsetSetting removes an office default and reports whether it was set.
// EUSAGE for an unknown key.
func (s *Service) UnsetSetting(ctx context.Context, key string) (bool, error) {
	if err := minutes.CheckSettingKey(key); err != nil {
		return false, err
	}
	db, err := s.storeFor(ctx, minutes.PermAdmin)
	if err != nil {
		return false, err
	}
	return db.UnsetSetting(ctx, key)
}

// Settings returns every office default that is set. With a key, EUSAGE
// when it is not a setting.
func (s *Service) Settings(ctx context.Context) (map[string]string, error) {
	db, err := s.storeFor(ctx, minutes.PermRead)
	if err != nil {
		return nil, err
	}
	return db.Settings(ctx)
}

// Defaults are the values a new record starts from: the office defaults
// and, where one is not set, those of the meeting recorded last.
func (s *Service) Defaults(ctx context.Context) (minutes.Defaults, error) {
	db, err := s.storeFor(ctx, minutes.PermRead)
	if err != nil {
		return minutes.Defaults{}, err
	}
	last, err := db.LatestMeeting(ctx)
	if err != nil {
		return minutes.Defaults{}, err
	}
	set, err := db.Settings(ctx)
	if err != nil {
		return minutes.Defaults{}, err
	}
	return minutes.DefaultsOf(set, last), nil
}
