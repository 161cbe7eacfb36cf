// etcd, built from the server module at the version the Kubernetes release above depends on
// (the same entry point as etcd's own binary).
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
