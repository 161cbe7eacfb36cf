//go:build tools

// The helm CLI, built from its module at the version go.mod pins (see README.md).
package tools

import _ "helm.sh/helm/v4/cmd/helm"
