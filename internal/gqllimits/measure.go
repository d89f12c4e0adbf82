package gqllimits

import (
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// result is the measurement of a selection set or field.
type result struct {
	depth, cost, aliases int
}

func (r result) plus(o result) result {
	return result{
		depth:   max(r.depth, o.depth),
		cost:    satAdd(r.cost, o.cost),
		aliases: satAdd(r.aliases, o.aliases),
	}
}

// fragState memoises a named fragment. A fragment's measurement does not
// depend on where it is spread (its parent type is its type condition and
// variables are fixed for the operation), so each fragment is measured once:
// this keeps the walk linear even for documents whose fragments spread other
// fragments many times (which would otherwise expand exponentially).
type fragState struct {
	busy bool // being measured: a spread now is a cycle
	done bool
	res  result
}

type walker struct {
	limits Limits
	schema *ast.Schema
	doc    *ast.QueryDocument
	vars   map[string]any
	frags  map[string]*fragState
	err    *gqlerror.Error // first page-size problem
}

func (w *walker) selectionSet(set ast.SelectionSet, parent *ast.Definition) result {
	var r result
	for _, sel := range set {
		if w.err != nil {
			return r
		}
		switch s := sel.(type) {
		case *ast.Field:
			if !w.included(s.Directives) {
				continue
			}
			r = r.plus(w.field(s, parent))
		case *ast.InlineFragment:
			if !w.included(s.Directives) {
				continue
			}
			p := parent
			if s.TypeCondition != "" {
				p = w.typeNamed(s.TypeCondition, s.ObjectDefinition)
			}
			r = r.plus(w.selectionSet(s.SelectionSet, p))
		case *ast.FragmentSpread:
			if !w.included(s.Directives) {
				continue
			}
			r = r.plus(w.fragment(s.Name))
		}
	}
	return r
}

func (w *walker) fragment(name string) result {
	st := w.frags[name]
	if st == nil {
		st = &fragState{}
		w.frags[name] = st
	}
	if st.done || st.busy { // a cycle (the validator refuses them) adds nothing
		return st.res
	}
	def := w.doc.Fragments.ForName(name)
	if def == nil {
		st.done = true
		return st.res
	}
	st.busy = true
	st.res = w.selectionSet(def.SelectionSet, w.typeNamed(def.TypeCondition, def.Definition))
	st.busy, st.done = false, true
	return st.res
}

func (w *walker) field(f *ast.Field, parent *ast.Definition) result {
	if f.Name == introspectionSchema || f.Name == introspectionTypeField {
		return result{}
	}
	if parent == nil {
		parent = f.ObjectDefinition // recorded by the validator
	}
	var r result
	if f.Alias != "" && f.Alias != f.Name {
		r.aliases = 1
	}
	def := w.fieldDef(f, parent)
	var childType *ast.Definition
	if def != nil && def.Type != nil && w.schema != nil {
		childType = w.schema.Types[def.Type.Name()]
	}
	child := w.selectionSet(f.SelectionSet, childType)
	if w.err != nil {
		return r
	}
	mult := w.multiplier(f, def, parent)
	if w.err != nil {
		return r
	}
	r.depth = 1 + child.depth
	r.cost = satAdd(1, satMul(mult, child.cost))
	r.aliases = satAdd(r.aliases, child.aliases)
	return r
}

// multiplier is how many times f's selection runs: the page size of a
// connection, the length of an ids list, DefaultPageSize for a plain list,
// 1 otherwise. It records page-size problems in w.err.
func (w *walker) multiplier(f *ast.Field, def *ast.FieldDefinition, parent *ast.Definition) int {
	first, hasFirst := w.intArg(f, def, "first")
	last, hasLast := w.intArg(f, def, "last")
	if hasFirst || hasLast {
		n := 0
		for _, a := range []struct {
			name string
			v    int64
			ok   bool
		}{{"first", first, hasFirst}, {"last", last, hasLast}} {
			if !a.ok {
				continue
			}
			if a.v < 0 {
				w.fail(f, "%s must not be negative (on %s)", a.name, f.Name)
				return 0
			}
			if a.v > int64(w.limits.MaxPageSize) {
				w.fail(f, "%s must be at most %d (got %d on %s)", a.name, w.limits.MaxPageSize, a.v, f.Name)
				return 0
			}
			n = max(n, int(a.v))
		}
		return n
	}
	if w.isConnection(f, def) {
		if w.selectsItems(f.SelectionSet) {
			w.fail(f, "first or last is required on %s (at most %d)", f.Name, w.limits.MaxPageSize)
			return 0
		}
		return 1 // totalCount / pageInfo only: one COUNT query
	}
	if n, ok := w.listArgLen(f, "ids"); ok {
		if n > w.limits.MaxPageSize {
			w.fail(f, "ids must have at most %d entries (got %d on %s)", w.limits.MaxPageSize, n, f.Name)
			return 0
		}
		return n
	}
	if def != nil && def.Type != nil && def.Type.Elem != nil && len(f.SelectionSet) > 0 &&
		(parent == nil || !strings.HasSuffix(parent.Name, "Connection")) {
		// A plain list of objects. A connection's own edges/nodes lists are
		// already paid for by first/last.
		return w.limits.DefaultPageSize
	}
	return 1
}

func (w *walker) fail(f *ast.Field, format string, args ...any) {
	if w.err == nil {
		w.err = limitError(CodeBadInput, w.limits.MaxPageSize, f.Position, format, args...)
	}
}

// fieldDef finds f's schema definition: the one gqlparser's validator
// recorded, else a lookup in the parent type.
func (w *walker) fieldDef(f *ast.Field, parent *ast.Definition) *ast.FieldDefinition {
	if f.Definition != nil {
		return f.Definition
	}
	if parent != nil {
		return parent.Fields.ForName(f.Name)
	}
	return nil
}

func (w *walker) typeNamed(name string, known *ast.Definition) *ast.Definition {
	if known != nil {
		return known
	}
	if w.schema != nil {
		return w.schema.Types[name]
	}
	return nil
}

// isConnection reports whether f returns a Relay connection: by its type
// name when the schema is known, else by its selection.
func (w *walker) isConnection(f *ast.Field, def *ast.FieldDefinition) bool {
	if def != nil && def.Type != nil {
		return def.Type.Elem == nil && strings.HasSuffix(def.Type.Name(), "Connection")
	}
	found := false
	w.eachField(f.SelectionSet, map[string]bool{}, func(c *ast.Field) {
		switch c.Name {
		case "edges", "nodes", "totalCount", "pageInfo":
			found = true
		}
	})
	return found
}

// selectsItems reports whether a connection's selection reads its items.
func (w *walker) selectsItems(set ast.SelectionSet) bool {
	found := false
	w.eachField(set, map[string]bool{}, func(c *ast.Field) {
		if c.Name == "edges" || c.Name == "nodes" {
			found = true
		}
	})
	return found
}

// eachField calls fn for the included fields of set, looking through
// fragments (each named fragment once).
func (w *walker) eachField(set ast.SelectionSet, seen map[string]bool, fn func(*ast.Field)) {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if w.included(s.Directives) {
				fn(s)
			}
		case *ast.InlineFragment:
			if w.included(s.Directives) {
				w.eachField(s.SelectionSet, seen, fn)
			}
		case *ast.FragmentSpread:
			if seen[s.Name] || !w.included(s.Directives) {
				continue
			}
			seen[s.Name] = true
			if def := w.doc.Fragments.ForName(s.Name); def != nil {
				w.eachField(def.SelectionSet, seen, fn)
			}
		}
	}
}

// included evaluates @skip and @include the way the executor does. A
// condition that cannot be evaluated counts the field (the safe side).
func (w *walker) included(dirs ast.DirectiveList) bool {
	for _, d := range dirs {
		if d.Name != "skip" && d.Name != "include" {
			continue
		}
		arg := d.Arguments.ForName("if")
		if arg == nil {
			continue
		}
		v, err := arg.Value.Value(w.vars)
		b, ok := v.(bool)
		if err != nil || !ok {
			continue
		}
		if (d.Name == "skip" && b) || (d.Name == "include" && !b) {
			return false
		}
	}
	return true
}

// intArg returns the value of f's integer argument name (given in the query,
// through a variable, or as the schema default); ok is false if it is absent
// or null. A value that is not an integer is returned as MaxInt64 so that it
// is refused.
func (w *walker) intArg(f *ast.Field, def *ast.FieldDefinition, name string) (int64, bool) {
	var val *ast.Value
	if a := f.Arguments.ForName(name); a != nil && !w.unsetVariable(a.Value) {
		val = a.Value
	} else if def != nil {
		// Absent, or a variable the request did not send (GraphQL
		// coerces both to the field's default).
		if ad := def.Arguments.ForName(name); ad != nil {
			val = ad.DefaultValue
		}
	}
	if val == nil {
		return 0, false
	}
	v, err := val.Value(w.vars)
	if err != nil {
		return math.MaxInt64, true
	}
	return toInt(v)
}

// unsetVariable reports whether v is a variable the request did not send
// and that has no default in the operation.
func (w *walker) unsetVariable(v *ast.Value) bool {
	if v == nil || v.Kind != ast.Variable {
		return false
	}
	if _, sent := w.vars[v.Raw]; sent {
		return false
	}
	return v.VariableDefinition == nil || v.VariableDefinition.DefaultValue == nil
}

func toInt(v any) (int64, bool) {
	switch n := v.(type) {
	case nil:
		return 0, false
	case int64:
		return n, true
	case int:
		return int64(n), true
	case int32:
		return int64(n), true
	case float64:
		if n != math.Trunc(n) || math.Abs(n) > 1<<53 {
			return math.MaxInt64, true
		}
		return int64(n), true
	case json.Number:
		if i, err := n.Int64(); err == nil {
			return i, true
		}
		return math.MaxInt64, true
	case string:
		if i, err := strconv.ParseInt(n, 10, 64); err == nil {
			return i, true
		}
		return math.MaxInt64, true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return 0, false
		}
		return toInt(rv.Elem().Interface())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int(), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if rv.Uint() > math.MaxInt64 {
			return math.MaxInt64, true
		}
		return int64(rv.Uint()), true
	case reflect.Float32, reflect.Float64:
		return toInt(rv.Float())
	}
	return math.MaxInt64, true
}

// listArgLen returns the length of f's list argument name, if given.
func (w *walker) listArgLen(f *ast.Field, name string) (int, bool) {
	a := f.Arguments.ForName(name)
	if a == nil {
		return 0, false
	}
	v, err := a.Value.Value(w.vars)
	if err != nil || v == nil {
		return 0, false
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			return 0, false
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return 1, true // a single value is coerced to a one-item list
	}
	return rv.Len(), true
}

func satAdd(a, b int) int {
	if a >= maxCost-b {
		return maxCost
	}
	return a + b
}

func satMul(a, b int) int {
	if a == 0 || b == 0 {
		return 0
	}
	if a >= maxCost/b {
		return maxCost
	}
	return a * b
}
