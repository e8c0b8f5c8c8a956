/*
 * Copyright (c) 2013 Kurt Jung (Gmail: kurt.w.jung)
 *
 * Permission to use, copy, modify, and distribute this software for any
 * purpose with or without fee is hereby granted, provided that the above
 * copyright notice and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
 * WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
 * MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
 * ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
 * WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
 * ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
 * OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.
 */

package gofpdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math"
	"sort"
	"strings"
	"sync"
)

func round(f float64) int {
	if f < 0 {
		return -int(math.Floor(-f + 0.5))
	}
	return int(math.Floor(f + 0.5))
}

func sprintf(fmtStr string, args ...interface{}) string {
	return fmt.Sprintf(fmtStr, args...)
}

// sliceCompress returns a zlib-compressed copy of the specified byte array
//
// Fork: the writers are pooled. Upstream made a new one for every stream,
// and each allocates about a megabyte of compressor state: most of the memory
// a document took. A reset writer writes the same bytes as a new one.
func sliceCompress(data []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(data)/2 + 64)
	cmp := zlibWriters.Get().(*zlib.Writer)
	cmp.Reset(&buf)
	cmp.Write(data)
	cmp.Close()
	cmp.Reset(nil)
	zlibWriters.Put(cmp)
	return buf.Bytes()
}

var zlibWriters = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return w
}}

// utf8toutf16 converts UTF-8 to UTF-16BE; from http://www.fpdf.org/
func utf8toutf16(s string, withBOM ...bool) string {
	bom := true
	if len(withBOM) > 0 {
		bom = withBOM[0]
	}
	res := make([]byte, 0, 8)
	if bom {
		res = append(res, 0xFE, 0xFF)
	}
	nb := len(s)
	i := 0
	for i < nb {
		c1 := byte(s[i])
		i++
		switch {
		case c1 >= 224:
			// 3-byte character
			c2 := byte(s[i])
			i++
			c3 := byte(s[i])
			i++
			res = append(res, ((c1&0x0F)<<4)+((c2&0x3C)>>2),
				((c2&0x03)<<6)+(c3&0x3F))
		case c1 >= 192:
			// 2-byte character
			c2 := byte(s[i])
			i++
			res = append(res, ((c1 & 0x1C) >> 2),
				((c1&0x03)<<6)+(c2&0x3F))
		default:
			// Single-byte character
			res = append(res, 0, c1)
		}
	}
	return string(res)
}

// The untypedKeyMap structure and its methods are copyrighted 2019 by Arteom Korotkiy (Gmail: arteomkorotkiy).
// Imitation of untyped Map Array
// Condition font family string to PDF name compliance. See section 5.3 (Names)
// in https://resources.infosecinstitute.com/pdf-file-format-basic-structure/
func fontFamilyEscape(familyStr string) (escStr string) {
	escStr = strings.Replace(familyStr, " ", "#20", -1)
	// Additional replacements can take place here
	return
}

// subsetFontName is the BaseFont of an embedded subset: a tag of six capital
// letters, "+", and the font's PostScript name (PDF 32000-1:2008, 9.6.4),
// so that readers know the font is a subset. The tag is derived from the
// runes kept, so the same text gives the same name.
//
// Fork: upstream wrote "utf8" followed by the family and style given to
// AddUTF8Font, with no tag.
func subsetFontName(postScriptName, fontKey string, usedRunes map[int]int) string {
	if postScriptName == "" {
		postScriptName = fontKey
	}
	runes := make([]int, 0, len(usedRunes))
	for r := range usedRunes {
		runes = append(runes, r)
	}
	sort.Ints(runes)
	h := fnv.New64a()
	var b [4]byte
	for _, r := range runes {
		binary.BigEndian.PutUint32(b[:], uint32(r))
		h.Write(b[:])
	}
	sum := h.Sum64()
	var tag [6]byte
	for i := range tag {
		tag[i] = byte('A' + sum%26)
		sum /= 26
	}
	name := strings.Map(func(r rune) rune {
		if r <= ' ' || r > '~' || strings.ContainsRune("()<>[]{}/%#", r) {
			return -1
		}
		return r
	}, postScriptName)
	return string(tag[:]) + "+" + name
}
