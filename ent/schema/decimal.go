package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect"
	"entgo.io/ent/schema/field"
	"github.com/shopspring/decimal"
)

// optionalDecimal stores money and hours exactly: NUMERIC on PostgreSQL, TEXT
// on SQLite (whose NUMERIC affinity would turn values into floats).
func optionalDecimal(name string) ent.Field {
	return field.Other(name, decimal.Decimal{}).
		SchemaType(map[string]string{dialect.Postgres: "numeric(20,4)", dialect.SQLite: "text"}).
		Optional().Nillable().
		Annotations(entgql.Type("Decimal"))
}
