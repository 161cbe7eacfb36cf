// xds-routes asks istiod, over its plaintext xDS port, for the Envoy route configuration it serves
// to one proxy — as that proxy (its node ID names its type, IP, pod and namespace) — and prints it
// as JSON: the control-plane suite's evidence that a VirtualService reached what a sidecar gets.
// It uses istio.io/istio/pkg/adsc, Istio's own ADS client (the one its integration tests use).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	discovery "github.com/envoyproxy/go-control-plane/envoy/service/discovery/v3"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/types/known/structpb"

	"istio.io/istio/pilot/pkg/model"
	v3 "istio.io/istio/pilot/pkg/xds/v3"
	"istio.io/istio/pkg/adsc"
	istiolog "istio.io/istio/pkg/log"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:15010", "istiod's plaintext xDS address")
	nodeType := flag.String("type", "sidecar", "proxy type: sidecar or router")
	ip := flag.String("ip", "", "the proxy's pod IP (istiod finds the pod by it)")
	namespace := flag.String("namespace", "default", "the proxy's namespace")
	workload := flag.String("workload", "", "the proxy's pod name")
	timeout := flag.Duration("timeout", 30*time.Second, "how long to wait for the routes")
	flag.Parse()
	// Istio's logs go to stdout by default; stdout is the JSON's.
	logOpts := istiolog.DefaultOptions()
	logOpts.OutputPaths = []string{"stderr"}
	logOpts.ErrorOutputPaths = []string{"stderr"}
	if err := istiolog.Configure(logOpts); err != nil {
		fail(err)
	}

	meta, err := structpb.NewStruct(map[string]any{"CLUSTER_ID": "Kubernetes", "NAMESPACE": *namespace})
	if err != nil {
		fail(err)
	}
	client, err := adsc.New(*addr, &adsc.ADSConfig{
		Config: adsc.Config{
			ClientName: "meshstage-xds-routes",
			Namespace:  *namespace,
			Workload:   *workload,
			IP:         *ip,
			NodeType:   model.NodeType(*nodeType),
			Meta:       meta,
		},
		// Clusters and listeners first; adsc asks for the routes the HTTP listeners name.
		InitialDiscoveryRequests: []*discovery.DiscoveryRequest{{TypeUrl: v3.ClusterType}, {TypeUrl: v3.ListenerType}},
	})
	if err != nil {
		fail(err)
	}
	defer client.Close()
	if err := client.Run(); err != nil {
		fail(err)
	}
	if _, err := client.Wait(*timeout, v3.RouteType); err != nil {
		fail(err)
	}
	out := map[string]json.RawMessage{}
	for name, rc := range client.GetRoutes() {
		b, err := protojson.Marshal(rc)
		if err != nil {
			fail(err)
		}
		out[name] = b
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "xds-routes:", err)
	os.Exit(1)
}
