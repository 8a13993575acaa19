package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// Script is the parsed -script file. The file is either a JSON array of steps or an object
// {"settings": {...default settings...}, "steps": [...]}; a step without "settings" uses the default.
type Script struct {
	Settings *Settings `json:"settings"`
	Steps    []Step    `json:"steps"`
}

// Settings mirrors the datasource instance settings Grafana sends in every PluginContext.
type Settings struct {
	ID                      int64             `json:"id"`
	UID                     string            `json:"uid"`
	Name                    string            `json:"name"`
	URL                     string            `json:"url"`
	User                    string            `json:"user"`
	Database                string            `json:"database"`
	BasicAuthEnabled        bool              `json:"basicAuthEnabled"`
	BasicAuthUser           string            `json:"basicAuthUser"`
	JSONData                json.RawMessage   `json:"jsonData"`
	DecryptedSecureJSONData map[string]string `json:"decryptedSecureJsonData"`
	LastUpdatedMS           int64             `json:"lastUpdatedMS"`
}

// Step is one call of the script.
type Step struct {
	Name     string            `json:"name"`
	Call     string            `json:"call"` // query | health | resource | metrics | raw
	Settings *Settings         `json:"settings"`
	Headers  map[string]string `json:"headers"`

	// query
	Queries []Query `json:"queries"`

	// resource
	Path       string `json:"path"`
	Method     string `json:"method"` // resource: HTTP method; raw: gRPC method path
	Body       string `json:"body"`
	ExpectCode *int   `json:"expectCode"`

	// health
	ExpectStatus string `json:"expectStatus"` // OK | ERROR | UNKNOWN

	// metrics
	Lines int `json:"lines"`

	// raw
	BytesHex string `json:"bytes_hex"`

	// query/health/resource: a gRPC-level error is a failure unless this is true
	ExpectRPCError bool `json:"expectRpcError"`
}

// Query is one DataQuery. fromMs/toMs: > 0 absolute epoch ms, <= 0 relative to now
// (fromMs default -3600000, toMs default 0 = now). json is sent verbatim; absent/null sends empty bytes.
type Query struct {
	RefID         string          `json:"refId"`
	QueryType     string          `json:"queryType"`
	JSON          json.RawMessage `json:"json"`
	FromMs        *int64          `json:"fromMs"`
	ToMs          *int64          `json:"toMs"`
	IntervalMs    int64           `json:"intervalMs"`
	MaxDataPoints int64           `json:"maxDataPoints"`
	// ExpectError: nil = no expectation; true = the response must carry an error; false = it must not.
	ExpectError *bool `json:"expectError"`
}

func loadScript(path string) (*Script, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	b = bytes.TrimSpace(b)
	s := &Script{}
	if len(b) > 0 && b[0] == '[' {
		if err := strictUnmarshal(b, &s.Steps); err != nil {
			return nil, fmt.Errorf("parse %s: %w", path, err)
		}
	} else if err := strictUnmarshal(b, s); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	for i := range s.Steps {
		st := &s.Steps[i]
		if st.Name == "" {
			st.Name = fmt.Sprintf("step-%d-%s", i+1, st.Call)
		}
		if st.Settings == nil {
			st.Settings = s.Settings
		}
		switch st.Call {
		case "query", "health", "resource", "metrics", "raw":
		default:
			return nil, fmt.Errorf("step %q: unknown call %q", st.Name, st.Call)
		}
	}
	return s, nil
}

func strictUnmarshal(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	return d.Decode(v)
}

// instanceSettings converts script settings to the SDK type; ToProto() then builds what Grafana sends.
func (s *Settings) instanceSettings() *backend.DataSourceInstanceSettings {
	if s == nil {
		return nil
	}
	jd := s.JSONData
	if len(jd) == 0 || string(jd) == "null" {
		jd = json.RawMessage("{}")
	}
	sec := s.DecryptedSecureJSONData
	if sec == nil {
		sec = map[string]string{}
	}
	updated := time.UnixMilli(s.LastUpdatedMS)
	if s.LastUpdatedMS == 0 {
		updated = time.UnixMilli(1700000000000)
	}
	return &backend.DataSourceInstanceSettings{
		ID:                      s.ID,
		UID:                     s.UID,
		Name:                    s.Name,
		URL:                     s.URL,
		User:                    s.User,
		Database:                s.Database,
		BasicAuthEnabled:        s.BasicAuthEnabled,
		BasicAuthUser:           s.BasicAuthUser,
		JSONData:                jd,
		DecryptedSecureJSONData: sec,
		Updated:                 updated,
	}
}

func (q *Query) timeRange(now time.Time) backend.TimeRange {
	abs := func(v *int64, def int64) time.Time {
		x := def
		if v != nil {
			x = *v
		}
		if x > 0 {
			return time.UnixMilli(x)
		}
		return now.Add(time.Duration(x) * time.Millisecond)
	}
	return backend.TimeRange{From: abs(q.FromMs, -3600000), To: abs(q.ToMs, 0)}
}
