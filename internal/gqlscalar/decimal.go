// Package gqlscalar holds GraphQL scalars for Go types gqlgen cannot bind
// on its own.
package gqlscalar

import (
	"encoding/json"
	"io"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/shopspring/decimal"

	"github.com/convene/convene/internal/apperr"
)

// MarshalDecimal writes an exact decimal as a JSON string ("1234.50"), never
// a JSON number, so no client parses money into a float.
func MarshalDecimal(d decimal.Decimal) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(d.String()))
	})
}

// UnmarshalDecimal accepts a string ("1234.50") or an integer literal.
// Float literals are refused: they may already have lost precision.
func UnmarshalDecimal(v any) (decimal.Decimal, error) {
	switch v := v.(type) {
	case string:
		d, err := decimal.NewFromString(v)
		if err != nil {
			return decimal.Decimal{}, apperr.Invalid("", "%q is not a decimal number", v)
		}
		return d, nil
	case int:
		return decimal.NewFromInt(int64(v)), nil
	case int64:
		return decimal.NewFromInt(v), nil
	case json.Number:
		d, err := decimal.NewFromString(v.String())
		if err != nil {
			return decimal.Decimal{}, apperr.Invalid("", "%s is not a decimal number", v)
		}
		return d, nil
	default:
		return decimal.Decimal{}, apperr.Invalid("", "a decimal must be given as a string such as \"1234.50\", not %T", v)
	}
}
