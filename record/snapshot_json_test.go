package record

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// FuzzJSONNode holds the snapshot parser to encoding/json: the same
// values, and an error exactly where encoding/json finds the JSON invalid.
func FuzzJSONNode(f *testing.F) {
	for _, s := range []string{
		`{"a":1,"b":[true,false,null],"c":{"d":"e\"f\u00e9\ud83d\ude00"},"g":-1.5e3}`,
		`[]`, `{}`, ` "x" `, `01`, `[1,]`, `{"a" 1}`, `"\x"`, "\"a\tb\"", `tru`, `[1 2]`, `{"a":1}{`,
		`"` + "\xff" + `"`, `-`, `1e`, `[[[[]]]]`, `{"a":{"a":{"a":1}},"a":2}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) {
			return // encoding/json takes it, replacing the bytes; a snapshot is UTF-8
		}
		n, err := jsonNode(data)
		if err != nil && strings.Contains(err.Error(), "too deep") {
			return
		}
		if valid := json.Valid(data); valid != (err == nil) {
			t.Fatalf("%q: json.Valid %v, jsonNode error %v", data, valid, err)
		}
		if err != nil {
			return
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var want any
		if err := dec.Decode(&want); err != nil {
			t.Fatal(err)
		}
		if got := nodeValue(n); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: parsed as %#v, encoding/json reads %#v", data, got, want)
		}
	})
}

// nodeValue is what encoding/json decodes the JSON behind n to.
func nodeValue(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i < len(n.Content); i += 2 {
			m[n.Content[i].Value] = nodeValue(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			l = append(l, nodeValue(c))
		}
		return l
	}
	switch n.Tag {
	case "!!int", "!!float":
		return json.Number(n.Value)
	case "!!bool":
		return n.Value == "true"
	case "!!null":
		return nil
	}
	return n.Value
}

// TestJSONNodeAsYAML: on a snapshot, the tree is the one yaml.v3 builds,
// which the record decoder was written against.
func TestJSONNodeAsYAML(t *testing.T) {
	data := []byte(`{"a":"x","n":12,"f":1.5,"t":true,"z":null,"l":[{"k":"v"},"w"],"e":"dòng \"một\"\nhai"}`)
	got, err := jsonNode(data)
	if err != nil {
		t.Fatal(err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	var same func(a, b *yaml.Node) bool
	same = func(a, b *yaml.Node) bool {
		if a.Kind != b.Kind || a.Tag != b.Tag || a.Value != b.Value || len(a.Content) != len(b.Content) {
			t.Errorf("node %+v, yaml.v3 %+v", a, b)
			return false
		}
		for i := range a.Content {
			if !same(a.Content[i], b.Content[i]) {
				return false
			}
		}
		return true
	}
	same(got, root.Content[0])
}
