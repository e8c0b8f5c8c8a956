package sqlstore

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/minutes-vn/minutes/schema"
)

// Numbers users quote — meetings, conclusions (task numbers) and task notes
// — are never given twice, not even after the newest was deleted. On
// PostgreSQL the identity sequences see to it. On SQLite a plain INTEGER
// PRIMARY KEY would give the largest rowid plus one again, so the store
// takes each new row's number from id_counters (schema/sqlite/010) in the
// writing transaction, which SQLite's single writer keeps in turn.

// numbered are the tables whose numbers are counted.
var numbered = []string{"meetings", "conclusions", "task_notes"}

// newIDs reserves n numbers for new rows of table and returns the first;
// 0 on PostgreSQL, where the rows take theirs from the identity sequence.
// The counter is also raised past any row written with its own number by a
// program that did not count it.
func (s *Store) newIDs(ctx context.Context, tx *sqlx.Tx, table string, n int) (int64, error) {
	if s.dialect != schema.SQLite || n == 0 {
		return 0, nil
	}
	var last int64
	err := tx.GetContext(ctx, &last, `UPDATE id_counters
		SET last = MAX(last, (SELECT COALESCE(MAX(id), 0) FROM `+table+`)) + ?
		WHERE name = ? RETURNING last`, n, table)
	if err != nil {
		return 0, fmt.Errorf("number new %s: %w", table, err)
	}
	return last - int64(n) + 1, nil
}

// reserveIDs returns n numbers never given, in ascending order, for new
// rows of table that are then written with them: the store knows every
// number before it writes, so that the rows go in with COPY and their
// children need not wait for a RETURNING. On SQLite they are consecutive
// (newIDs); on PostgreSQL they come from the table's identity sequence in
// one statement, consecutive unless another session takes numbers at the
// same moment.
func (s *Store) reserveIDs(ctx context.Context, tx *sqlx.Tx, table string, n int) ([]int64, error) {
	if n == 0 {
		return nil, nil
	}
	ids := make([]int64, 0, n)
	if s.dialect == schema.SQLite {
		first, err := s.newIDs(ctx, tx, table, n)
		if err != nil {
			return nil, err
		}
		for i := range n {
			ids = append(ids, first+int64(i))
		}
		return ids, nil
	}
	if err := tx.SelectContext(ctx, &ids, `SELECT nextval(pg_get_serial_sequence($1, 'id')) AS id
		FROM generate_series(1, $2) ORDER BY id`, table, n); err != nil {
		return nil, fmt.Errorf("number new %s: %w", table, err)
	}
	if len(ids) != n {
		return nil, fmt.Errorf("number new %s: %d numbers for %d rows", table, len(ids), n)
	}
	return ids, nil
}

// keepIDs raises the counter of table to top at least, after rows were
// written with numbers of their own (a backup restored with its numbers),
// so that none of them is given again. On PostgreSQL setval is not undone
// by a rollback: a failed restore leaves a gap, never a number twice.
func (s *Store) keepIDs(ctx context.Context, tx *sqlx.Tx, table string, top int64) error {
	var err error
	if s.dialect == schema.SQLite {
		_, err = tx.ExecContext(ctx, `UPDATE id_counters SET last = MAX(last, ?) WHERE name = ?`, top, table)
	} else if top > 0 {
		_, err = tx.ExecContext(ctx, `SELECT setval(x.seq, $2) FROM (SELECT CAST(pg_get_serial_sequence($1, 'id') AS regclass) AS seq) x
			WHERE $2 > COALESCE(pg_sequence_last_value(x.seq), 0)`, table, top)
	}
	if err != nil {
		return fmt.Errorf("keep the numbers of %s: %w", table, err)
	}
	return nil
}

// lastIDs returns, for each numbered table, the highest number it has
// given: a backup carries them, so that the database it is restored into
// does not give again the numbers of meetings deleted before it was made.
func (s *Store) lastIDs(ctx context.Context, tx *sqlx.Tx) (map[string]int64, error) {
	out := make(map[string]int64, len(numbered))
	for _, t := range numbered {
		var last int64
		var err error
		if s.dialect == schema.SQLite {
			err = tx.GetContext(ctx, &last, `SELECT MAX(c.last, (SELECT COALESCE(MAX(id), 0) FROM `+t+`)) FROM id_counters c WHERE c.name = ?`, t)
		} else {
			err = tx.GetContext(ctx, &last, `SELECT COALESCE(pg_sequence_last_value(CAST(pg_get_serial_sequence($1, 'id') AS regclass)), 0)`, t)
		}
		if err != nil {
			return nil, fmt.Errorf("the numbers of %s: %w", t, err)
		}
		out[t] = last
	}
	return out, nil
}
