package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/grafana/grafana-plugin-sdk-go/genproto/pluginv2"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func rpcError(err error) map[string]any {
	st := status.Convert(err)
	m := map[string]any{"code": st.Code().String(), "message": st.Message()}
	if src, ok := backend.ErrorSourceFromGrpcStatusError(context.Background(), err); ok {
		m["errorSource"] = string(src)
	}
	return m
}

// query sends a QueryDataRequest built by backend.ToProto() and decodes the answer with
// backend.FromProto().QueryDataResponse, exactly like Grafana's ClientV2.QueryData.
func (r *runner) query(ctx context.Context, st *Step) map[string]any {
	now := time.Now()
	req := &backend.QueryDataRequest{
		PluginContext: r.pluginContext(st.Settings),
		Headers:       st.Headers,
		Format:        backend.DataFrameFormat_ARROW,
	}
	if req.Headers == nil {
		req.Headers = map[string]string{}
	}
	expect := map[string]*bool{}
	var refIDs []string
	for _, q := range st.Queries {
		j := []byte(q.JSON)
		if string(j) == "null" {
			j = nil
		}
		iv, mdp := q.IntervalMs, q.MaxDataPoints
		if iv == 0 {
			iv = 1000 // Grafana's defaults for /api/ds/query when the client sends none
		}
		if mdp == 0 {
			mdp = 100
		}
		req.Queries = append(req.Queries, backend.DataQuery{
			RefID:         q.RefID,
			QueryType:     q.QueryType,
			MaxDataPoints: mdp,
			Interval:      time.Duration(iv) * time.Millisecond,
			TimeRange:     q.timeRange(now),
			JSON:          j,
		})
		expect[q.RefID] = q.ExpectError
		refIDs = append(refIDs, q.RefID)
	}
	protoReq := backend.ToProto().QueryDataRequest(req)
	protoResp, err := r.data.QueryData(ctx, protoReq)
	if err != nil {
		if !st.ExpectRPCError {
			r.fail("step %q: QueryData gRPC error: %v", st.Name, err)
		}
		return map[string]any{"rpc_error": rpcError(err)}
	}
	out := map[string]any{}

	// The exact Grafana path: one call that decodes every frame of every refId.
	sdkResp, sdkErr := backend.FromProto().QueryDataResponse(protoResp)
	if sdkErr != nil {
		out["sdk_decode_error"] = sdkErr.Error()
		r.fail("step %q: backend.FromProto().QueryDataResponse: %v", st.Name, sdkErr)
	}

	keys := make([]string, 0, len(protoResp.Responses))
	for k := range protoResp.Responses {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	responses := map[string]any{}
	for _, refID := range keys {
		pr := protoResp.Responses[refID]
		ro := map[string]any{}
		type decoded struct {
			index, size int
			frame       *data.Frame
		}
		var frames []decoded
		var errText, errSource string
		status := int(pr.Status)
		if sdkErr == nil {
			dr := sdkResp.Responses[refID]
			status = int(dr.Status)
			for i, f := range dr.Frames {
				size := 0
				if i < len(pr.Frames) {
					size = len(pr.Frames[i])
				}
				frames = append(frames, decoded{i, size, f})
			}
			if dr.Error != nil {
				errText, errSource = dr.Error.Error(), string(dr.ErrorSource)
			}
		} else {
			// Pinpoint the frame(s) the SDK rejects.
			errText, errSource = pr.Error, pr.ErrorSource
			var decodeErrs []map[string]any
			for i, b := range pr.Frames {
				f, err := data.UnmarshalArrowFrame(b)
				if err != nil {
					head := b
					if len(head) > 16 {
						head = head[:16]
					}
					decodeErrs = append(decodeErrs, map[string]any{"index": i, "bytes": len(b), "error": err.Error(), "head_hex": hex.EncodeToString(head)})
					continue
				}
				frames = append(frames, decoded{i, len(b), f})
			}
			if decodeErrs != nil {
				ro["decode_errors"] = decodeErrs
			}
		}
		ro["status"] = status
		if int(pr.Status) != status {
			ro["wire_status"] = pr.Status
		}
		if pr.Format != pluginv2.DataFrameFormat_ARROW {
			ro["format"] = pr.Format.String()
		}
		if errText != "" {
			ro["error"] = errText
			ro["errorSource"] = errSource
		}
		var fo []frameOut
		for _, df := range frames {
			d, warns := describeFrame(df.index, df.size, df.frame)
			for _, w := range warns {
				r.warn("step %q refId %q: %s", st.Name, refID, w)
			}
			fo = append(fo, d)
		}
		ro["frames"] = fo
		if e, ok := expect[refID]; ok && e != nil {
			if *e != (errText != "") {
				r.fail("step %q refId %q: expected error=%v, got error=%q status=%d", st.Name, refID, *e, errText, status)
				ro["expect_ok"] = false
			} else {
				ro["expect_ok"] = true
			}
		}
		responses[refID] = ro
	}
	out["responses"] = responses
	var missing, extra []string
	for _, id := range refIDs {
		if _, ok := protoResp.Responses[id]; !ok {
			missing = append(missing, id)
		}
	}
	for _, k := range keys {
		if _, ok := expect[k]; !ok {
			extra = append(extra, k)
		}
	}
	if missing != nil {
		out["missing_refids"] = missing
		r.fail("step %q: no response for refIds %v", st.Name, missing)
	}
	if extra != nil {
		out["unexpected_refids"] = extra
		r.warn("step %q: responses for refIds that were not requested: %v", st.Name, extra)
	}
	return out
}

// health mirrors Grafana's ClientV2.CheckHealth.
func (r *runner) health(ctx context.Context, st *Step) map[string]any {
	pc := backend.ToProto().PluginContext(r.pluginContext(st.Settings))
	resp, err := r.diag.CheckHealth(ctx, &pluginv2.CheckHealthRequest{PluginContext: pc, Headers: st.Headers})
	if err != nil {
		if !st.ExpectRPCError {
			r.fail("step %q: CheckHealth gRPC error: %v", st.Name, err)
		}
		return map[string]any{"rpc_error": rpcError(err)}
	}
	res := backend.FromProto().CheckHealthResponse(resp)
	out := map[string]any{"status": res.Status.String(), "message": res.Message}
	if len(res.JSONDetails) > 0 {
		out["jsonDetails"] = string(res.JSONDetails)
	}
	if st.ExpectStatus != "" {
		ok := strings.EqualFold(st.ExpectStatus, res.Status.String())
		out["expect_ok"] = ok
		if !ok {
			r.fail("step %q: expected health %s, got %s (%s)", st.Name, st.ExpectStatus, res.Status, res.Message)
		}
	}
	return out
}

// callResource mirrors Grafana's ClientV2.CallResource + its HTTP response sender: the first
// message carries status and headers, every message may carry body bytes.
func (r *runner) callResource(ctx context.Context, st *Step) map[string]any {
	method := st.Method
	if method == "" {
		method = "GET"
	}
	u, err := url.Parse(st.Path)
	if err != nil {
		r.fail("step %q: bad path: %v", st.Name, err)
		return map[string]any{"error": err.Error()}
	}
	headers := map[string][]string{}
	for k, v := range st.Headers {
		headers[k] = []string{v}
	}
	req := &backend.CallResourceRequest{
		PluginContext: r.pluginContext(st.Settings),
		Path:          u.Path,
		Method:        method,
		URL:           st.Path,
		Headers:       headers,
		Body:          []byte(st.Body),
	}
	stream, err := r.resource.CallResource(ctx, backend.ToProto().CallResourceRequest(req))
	var msgs int
	var code int
	var respHeaders map[string][]string
	var body bytes.Buffer
	for err == nil {
		var pr *pluginv2.CallResourceResponse
		pr, err = stream.Recv()
		if err != nil {
			break
		}
		res := backend.FromProto().CallResourceResponse(pr)
		if msgs == 0 {
			code, respHeaders = res.Status, res.Headers
		}
		msgs++
		body.Write(res.Body)
	}
	if err != nil && !errors.Is(err, io.EOF) {
		if !st.ExpectRPCError {
			r.fail("step %q: CallResource gRPC error: %v", st.Name, err)
		}
		return map[string]any{"rpc_error": rpcError(err), "messages": msgs}
	}
	if msgs == 0 {
		r.fail("step %q: CallResource stream ended without a response message", st.Name)
	}
	b := body.String()
	if len(b) > 2000 {
		b = b[:2000] + fmt.Sprintf("…(%d bytes)", body.Len())
	}
	out := map[string]any{"status": code, "headers": respHeaders, "messages": msgs, "body_bytes": body.Len(), "body": b}
	if st.ExpectCode != nil {
		ok := *st.ExpectCode == code
		out["expect_ok"] = ok
		if !ok {
			r.fail("step %q: expected resource status %d, got %d", st.Name, *st.ExpectCode, code)
		}
	}
	return out
}

// metrics mirrors Grafana's ClientV2.CollectMetrics (Unimplemented = no metrics) and checks that
// the text parses as Prometheus exposition format.
func (r *runner) metrics(ctx context.Context, st *Step) map[string]any {
	req := &pluginv2.CollectMetricsRequest{PluginContext: backend.ToProto().PluginContext(r.pluginContext(st.Settings))}
	resp, err := r.diag.CollectMetrics(ctx, req)
	if err != nil {
		if status.Code(err) == codes.Unimplemented {
			return map[string]any{"implemented": false, "length": 0}
		}
		if !st.ExpectRPCError {
			r.fail("step %q: CollectMetrics gRPC error: %v", st.Name, err)
		}
		return map[string]any{"rpc_error": rpcError(err)}
	}
	text := backend.FromProto().CollectMetricsResponse(resp).PrometheusMetrics
	n := st.Lines
	if n <= 0 {
		n = 5
	}
	lines := strings.SplitN(string(text), "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	out := map[string]any{"implemented": true, "length": len(text), "first_lines": lines}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	fams, perr := parser.TextToMetricFamilies(bytes.NewReader(text))
	if perr != nil {
		out["parse_error"] = perr.Error()
		r.warn("step %q: metrics text does not parse as Prometheus exposition format: %v", st.Name, perr)
	} else {
		out["families"] = len(fams)
	}
	return out
}

type rawCodec struct{}

func (rawCodec) Name() string { return "proto" }
func (rawCodec) Marshal(v any) ([]byte, error) {
	if b, ok := v.([]byte); ok {
		return b, nil
	}
	return nil, fmt.Errorf("rawCodec: cannot marshal %T", v)
}
func (rawCodec) Unmarshal(b []byte, v any) error {
	if p, ok := v.(*[]byte); ok {
		*p = append((*p)[:0], b...)
		return nil
	}
	return fmt.Errorf("rawCodec: cannot unmarshal into %T", v)
}

// raw sends arbitrary bytes as the request message of a gRPC method on go-plugin's own
// connection. A conforming plugin answers with an error status and keeps running.
func (r *runner) raw(ctx context.Context, st *Step) map[string]any {
	if r.conn == nil {
		r.fail("step %q: no gRPC connection from go-plugin", st.Name)
		return map[string]any{"error": "no connection"}
	}
	payload, err := hex.DecodeString(st.BytesHex)
	if err != nil {
		r.fail("step %q: bad bytes_hex: %v", st.Name, err)
		return map[string]any{"error": err.Error()}
	}
	var reply []byte
	err = r.conn.Invoke(ctx, st.Method, payload, &reply, grpc.ForceCodec(rawCodec{}))
	st2 := status.Convert(err)
	out := map[string]any{"method": st.Method, "sent_bytes": len(payload), "code": st2.Code().String(), "message": st2.Message()}
	switch st2.Code() {
	case codes.OK:
		out["reply_bytes"] = len(reply)
		r.fail("step %q: plugin accepted garbage on %s (status OK)", st.Name, st.Method)
	case codes.Unavailable, codes.DeadlineExceeded:
		r.fail("step %q: no proper error status for garbage on %s: %s", st.Name, st.Method, st2.Code())
	}
	return out
}
