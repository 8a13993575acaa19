// Command conformance launches a Grafana backend plugin executable exactly the way Grafana does
// (hashicorp/go-plugin client, Grafana's handshake, the grafana-plugin-sdk-go grpcplugin plugin set)
// and drives it through a JSON script. Every response is decoded with the SDK's own converters
// (backend.FromProto(), data.UnmarshalArrowFrames), so a frame Grafana could not read fails here too.
//
// Output: one JSON line per script step on stdout, then {"summary": {...}}. Logs go to stderr.
// Exit codes: 0 conforming, 1 a check failed, 2 usage/launch failure.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/grpcplugin"
	"github.com/grafana/grafana-plugin-sdk-go/backend/useragent"
	"github.com/hashicorp/go-hclog"
	goplugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
)

// Same values as grafana pkg/plugins/backendplugin/grpcplugin/client.go.
var handshake = goplugin.HandshakeConfig{
	ProtocolVersion:  grpcplugin.ProtocolVersion,
	MagicCookieKey:   grpcplugin.MagicCookieKey,
	MagicCookieValue: grpcplugin.MagicCookieValue,
}

// The part of Grafana's plugin set this tool exercises (Grafana also registers stream, admission,
// conversion and renderer; Dispense only builds client stubs, so leaving them out changes nothing
// on the wire).
var pluginSet = map[int]goplugin.PluginSet{
	grpcplugin.ProtocolVersion: {
		"diagnostics": &grpcplugin.DiagnosticsGRPCPlugin{},
		"resource":    &grpcplugin.ResourceGRPCPlugin{},
		"data":        &grpcplugin.DataGRPCPlugin{},
	},
}

const gracefulLimit = 2 * time.Second // go-plugin's Kill() waits this long before SIGKILL

type runner struct {
	out       *json.Encoder
	client    *goplugin.Client
	conn      *grpc.ClientConn
	data      grpcplugin.DataClient
	diag      grpcplugin.DiagnosticsClient
	resource  grpcplugin.ResourceClient
	pluginID  string
	userAgent *useragent.UserAgent
	timeout   time.Duration
	failures  []string
	warnings  []string
}

func (r *runner) fail(format string, a ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, a...))
}
func (r *runner) warn(format string, a ...any) {
	r.warnings = append(r.warnings, fmt.Sprintf(format, a...))
}

func (r *runner) emit(v any) {
	if err := r.out.Encode(v); err != nil {
		fmt.Fprintln(os.Stderr, "conformance: cannot write output:", err)
	}
}

// watchWriter receives everything go-plugin's logger writes at Warn and above and remembers
// whether go-plugin gave up on a graceful shutdown.
type watchWriter struct{ notGraceful atomic.Bool }

func (w *watchWriter) Write(p []byte) (int, error) {
	if strings.Contains(string(p), "plugin failed to exit gracefully") {
		w.notGraceful.Store(true)
	}
	return len(p), nil
}

func main() { os.Exit(run()) }

func run() int {
	exe := flag.String("exe", "", "plugin executable to launch (required), e.g. dist/datasource/gpx_foresight_linux_amd64")
	scriptPath := flag.String("script", "", "JSON script of steps (required)")
	pluginID := flag.String("plugin-id", "foresight-analyzer-datasource", "PluginContext.pluginId sent with every call")
	timeout := flag.Duration("timeout", 60*time.Second, "per-step deadline")
	logLevel := flag.String("log-level", "info", "stderr log level for go-plugin and the plugin's own log lines (trace|debug|info|warn|error|off)")
	flag.Parse()
	if *exe == "" || *scriptPath == "" {
		fmt.Fprintln(os.Stderr, "usage: conformance -exe <plugin executable> -script <script.json> [-plugin-id id] [-timeout 60s] [-log-level info]")
		return 2
	}
	script, err := loadScript(*scriptPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "conformance:", err)
		return 2
	}

	watch := &watchWriter{}
	logger := hclog.NewInterceptLogger(&hclog.LoggerOptions{
		Name:   "conformance",
		Level:  hclog.LevelFromString(*logLevel),
		Output: os.Stderr,
	})
	logger.RegisterSink(hclog.NewSinkAdapter(&hclog.LoggerOptions{Level: hclog.Warn, Output: watch}))

	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	ua, _ := useragent.New("12.3.0", runtime.GOOS, runtime.GOARCH)
	r := &runner{out: enc, pluginID: *pluginID, userAgent: ua, timeout: *timeout}

	cmd := exec.Command(*exe)
	cfg := &goplugin.ClientConfig{
		Cmd:              cmd,
		HandshakeConfig:  handshake,
		VersionedPlugins: pluginSet,
		Logger:           logger,
		AllowedProtocols: []goplugin.Protocol{goplugin.ProtocolGRPC},
		// Grafana sets neither AutoMTLS nor TLSConfig: plaintext gRPC over loopback.
	}
	r.client = goplugin.NewClient(cfg)
	if code := r.launch(); code != 0 {
		r.client.Kill()
		return code
	}

	aliveAfterScript := true
	for i := range script.Steps {
		st := &script.Steps[i]
		line := r.runStep(st)
		if e, ok := line["rpc_error"].(map[string]any); ok && e["code"] == "Unavailable" {
			// The connection broke: give go-plugin a moment to notice a dead process.
			for i := 0; i < 20 && !r.client.Exited(); i++ {
				time.Sleep(50 * time.Millisecond)
			}
		}
		if r.client.Exited() {
			line["plugin_exited"] = true
			r.emit(line)
			r.fail("step %q: plugin process exited", st.Name)
			aliveAfterScript = false
			break
		}
		r.emit(line)
	}
	if aliveAfterScript && r.client.Exited() {
		aliveAfterScript = false
		r.fail("plugin process exited after the script")
	}

	// Grafana stops plugins with client.Kill(): GRPCController.Shutdown, close the connection,
	// wait up to 2 s for the process to exit, else log "plugin failed to exit gracefully" + SIGKILL.
	start := time.Now()
	r.client.Kill()
	killDur := time.Since(start)
	graceful := aliveAfterScript && !watch.notGraceful.Load() && killDur < gracefulLimit
	if aliveAfterScript && !graceful {
		r.fail("plugin did not exit gracefully on Kill() (%d ms, go-plugin warned: %v)", killDur.Milliseconds(), watch.notGraceful.Load())
	}
	exitCode := -1
	if cmd.ProcessState != nil {
		exitCode = cmd.ProcessState.ExitCode()
	}

	r.warnings = dedupe(r.warnings)
	summary := map[string]any{
		"steps":              len(script.Steps),
		"alive_after_script": aliveAfterScript,
		"kill_ms":            killDur.Milliseconds(),
		"graceful":           graceful,
		"exited_after_kill":  r.client.Exited(),
		"process_exit_code":  exitCode,
		"failures":           nonNil(r.failures),
		"warnings":           nonNil(r.warnings),
		"ok":                 len(r.failures) == 0,
	}
	r.emit(map[string]any{"summary": summary})
	if len(r.failures) > 0 {
		return 1
	}
	return 0
}

// dedupe sorts and removes repeats (the same suspicious field is reported once per run).
func dedupe(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// launch performs the go-plugin handshake and dispenses the SDK's client stubs, as Grafana's
// grpcplugin.Start/newClientV2 do.
func (r *runner) launch() int {
	start := time.Now()
	rpc, err := r.client.Client()
	line := map[string]any{"launch": map[string]any{}}
	info := line["launch"].(map[string]any)
	info["ms"] = time.Since(start).Milliseconds()
	if err != nil {
		info["error"] = err.Error()
		info["ok"] = false
		r.emit(line)
		return 2
	}
	info["negotiated_version"] = r.client.NegotiatedVersion()
	info["protocol"] = string(r.client.Protocol())
	if rc := r.client.ReattachConfig(); rc != nil {
		if rc.Addr != nil {
			info["address"] = rc.Addr.Network() + ":" + rc.Addr.String()
		}
		info["pid"] = rc.Pid
	}
	if r.client.NegotiatedVersion() < 2 {
		info["error"] = "plugin protocol version not supported"
		info["ok"] = false
		r.emit(line)
		return 2
	}
	if gc, ok := rpc.(*goplugin.GRPCClient); ok {
		r.conn = gc.Conn
	}
	for name, dst := range map[string]any{"data": &r.data, "diagnostics": &r.diag, "resource": &r.resource} {
		raw, err := rpc.Dispense(name)
		if err != nil {
			info["error"] = fmt.Sprintf("dispense %s: %v", name, err)
			info["ok"] = false
			r.emit(line)
			return 2
		}
		switch d := dst.(type) {
		case *grpcplugin.DataClient:
			*d, _ = raw.(grpcplugin.DataClient)
		case *grpcplugin.DiagnosticsClient:
			*d, _ = raw.(grpcplugin.DiagnosticsClient)
		case *grpcplugin.ResourceClient:
			*d, _ = raw.(grpcplugin.ResourceClient)
		}
	}
	info["ok"] = true
	r.emit(line)
	return 0
}

func (r *runner) pluginContext(s *Settings) backend.PluginContext {
	return backend.PluginContext{
		OrgID:                      1,
		PluginID:                   r.pluginID,
		PluginVersion:              "0.0.0-conformance",
		User:                       &backend.User{Login: "admin", Name: "admin", Email: "admin@localhost", Role: "Admin"},
		DataSourceInstanceSettings: s.instanceSettings(),
		UserAgent:                  r.userAgent,
	}
}

func (r *runner) runStep(st *Step) map[string]any {
	ctx, cancel := context.WithTimeout(context.Background(), r.timeout)
	defer cancel()
	start := time.Now()
	line := map[string]any{"step": st.Name, "call": st.Call}
	var res map[string]any
	switch st.Call {
	case "query":
		res = r.query(ctx, st)
	case "health":
		res = r.health(ctx, st)
	case "resource":
		res = r.callResource(ctx, st)
	case "metrics":
		res = r.metrics(ctx, st)
	case "raw":
		res = r.raw(ctx, st)
	}
	for k, v := range res {
		line[k] = v
	}
	line["ms"] = time.Since(start).Milliseconds()
	return line
}
