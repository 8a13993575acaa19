package main

import (
	"encoding/json"
	"fmt"
	"reflect"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

type frameOut struct {
	Index    int             `json:"index"`
	Bytes    int             `json:"bytes"`
	Name     string          `json:"name"`
	RefID    string          `json:"refId"`
	Meta     json.RawMessage `json:"meta"`
	Rows     int             `json:"rows"`
	TSSchema string          `json:"tsSchema"` // the SDK's TimeSeriesSchema().Type: what SSE/alerting sees
	Fields   []fieldOut      `json:"fields"`
}

type fieldOut struct {
	Name      string          `json:"name"`
	Type      string          `json:"type"` // e.g. []time.Time, []*float64
	Labels    data.Labels     `json:"labels,omitempty"`
	Config    json.RawMessage `json:"config,omitempty"`
	Length    int             `json:"length"`
	Nulls     int             `json:"nulls,omitempty"`
	First     string          `json:"first,omitempty"`
	Last      string          `json:"last,omitempty"`
	FirstTime string          `json:"firstTime,omitempty"` // RFC3339Nano, time fields only
	LastTime  string          `json:"lastTime,omitempty"`
}

// Timestamps outside this window almost always mean a unit mix-up (ms/µs read as ns by the SDK).
var (
	saneTimeMin = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	saneTimeMax = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
)

// describeFrame formats one decoded frame and returns warnings about suspicious content.
func describeFrame(idx, size int, f *data.Frame) (frameOut, []string) {
	var warns []string
	out := frameOut{Index: idx, Bytes: size, Name: f.Name, RefID: f.RefID, Rows: 0, Meta: json.RawMessage("null")}
	if f.Meta != nil {
		if b, err := json.Marshal(f.Meta); err == nil {
			out.Meta = b
		} else {
			warns = append(warns, fmt.Sprintf("frame %d: meta does not marshal: %v", idx, err))
		}
	}
	if len(f.Fields) > 0 {
		if r, err := f.RowLen(); err == nil {
			out.Rows = r
		} else {
			warns = append(warns, fmt.Sprintf("frame %d: %v", idx, err))
		}
	}
	out.TSSchema = f.TimeSeriesSchema().Type.String()
	for _, fld := range f.Fields {
		fo := fieldOut{Name: fld.Name, Type: "[]" + fld.Type().ItemTypeString(), Labels: fld.Labels, Length: fld.Len()}
		if fld.Config != nil {
			if b, err := json.Marshal(fld.Config); err == nil {
				fo.Config = b
			}
		}
		for i := 0; i < fld.Len(); i++ {
			if fld.NilAt(i) {
				fo.Nulls++
			}
		}
		if n := fld.Len(); n > 0 {
			fo.First = formatValue(fld.At(0))
			fo.Last = formatValue(fld.At(n - 1))
			if fld.Type().Time() {
				for k, pos := range []int{0, n - 1} {
					t, ok := timeAt(fld, pos)
					s := "null"
					if ok {
						s = t.UTC().Format(time.RFC3339Nano)
						if (k == 0 || n > 1) && (t.Before(saneTimeMin) || t.After(saneTimeMax)) {
							warns = append(warns, fmt.Sprintf("frame %d field %q: suspicious timestamp %s at row %d (unit mix-up?)", idx, fld.Name, s, pos))
						}
					}
					if k == 0 {
						fo.FirstTime = s
					} else {
						fo.LastTime = s
					}
				}
			}
		}
		out.Fields = append(out.Fields, fo)
	}
	return out, warns
}

func timeAt(f *data.Field, i int) (time.Time, bool) {
	switch v := f.At(i).(type) {
	case time.Time:
		return v, true
	case *time.Time:
		if v == nil {
			return time.Time{}, false
		}
		return *v, true
	}
	return time.Time{}, false
}

// formatValue prints a field value with %v, dereferencing the SDK's nullable pointer types.
func formatValue(v any) string {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return "null"
	}
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return "null"
		}
		v = rv.Elem().Interface()
	}
	switch x := v.(type) {
	case json.RawMessage:
		return string(x)
	case time.Time:
		return x.UTC().String()
	}
	return fmt.Sprintf("%v", v)
}
