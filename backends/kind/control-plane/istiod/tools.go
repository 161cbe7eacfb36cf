//go:build tools

package tools

import _ "istio.io/istio/pilot/cmd/pilot-discovery"
