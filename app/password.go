package app

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Argon2Params are the cost of one password hash. Each hash keeps its own
// in its encoded form, so raising them later leaves older hashes readable.
type Argon2Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// PasswordCost is the cost of new hashes, tuned on the project's machine
// (2 shared cores) to about 70 ms a hash, the cost of one sign-in (README,
// Accounts): 32 MiB and four passes, stronger than each of OWASP's
// argon2id settings, with a quarter of the memory of 64 MiB settings so
// that sign-ins at once stay small (see hashing).
var PasswordCost = Argon2Params{Memory: 32 * 1024, Time: 4, Threads: 1}

// hashing bounds the hashes computed at once: each holds Memory, and a
// crowd of sign-ins must not take the server's memory.
var hashing = make(chan struct{}, 4)

func idKey(pw string, salt []byte, p Argon2Params, n uint32) []byte {
	hashing <- struct{}{}
	defer func() { <-hashing }()
	return argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, n)
}

const saltLen, keyLen = 16, 32

// HashPassword returns the encoded argon2id hash of pw with a new random
// salt: $argon2id$v=19$m=…,t=…,p=…$salt$hash, as other tools write it.
func HashPassword(pw string) string {
	salt := make([]byte, saltLen)
	_, _ = rand.Read(salt)
	return encodeHash(PasswordCost, salt, idKey(pw, salt, PasswordCost, keyLen))
}

func encodeHash(p Argon2Params, salt, key []byte) string {
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key))
}

// CheckPasswordHash reports whether pw matches encoded, comparing in
// constant time.
func CheckPasswordHash(pw, encoded string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var v int
	var p Argon2Params
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil ||
		p.Memory == 0 || p.Memory > 1<<20 || p.Time == 0 || p.Time > 20 || p.Threads == 0 {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	key, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(key) == 0 {
		return false
	}
	got := idKey(pw, salt, p, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1
}

// dummyHash is checked against when a sign-in names no account, so that
// the answer takes as long as for a wrong password: the time does not tell
// which names exist.
var dummyHash = encodeHash(PasswordCost, make([]byte, saltLen), make([]byte, keyLen))

// NewSecret returns a random 32-byte token, as text for a cookie or a
// header, and the digest under which the database keeps it.
func NewSecret() (token, digest string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, Digest(token)
}

// Digest is the hex SHA-256 of a token: a session or an API token is kept
// only as this, so a copy of the database signs nobody in. A 32-byte random
// token needs no slow hash.
func Digest(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
