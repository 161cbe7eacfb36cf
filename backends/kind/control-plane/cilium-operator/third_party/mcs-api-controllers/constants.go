// Copyright The Kubernetes Authors (value of sigs.k8s.io/mcs-api/controllers.DerivedServiceAnnotation);
// SPDX-License-Identifier: Apache-2.0

// Package controllers is meshstage's stand-in for sigs.k8s.io/mcs-api/controllers
// v0.5.2, whose module zip the Go module proxy refuses to serve (403).
//
// It is NOT the upstream package: it carries only the one identifier that
// Cilium v1.20.2 uses from it (in pkg/clustermesh/mcsapi and
// operator/pkg/gateway-api/helpers), with the value it has upstream
// (mcs-api controllers/controllers.go). None of mcs-api's own controllers
// (ServiceImport / derived-Service reconcilers, Start) are included; Cilium
// does not call them, it ships its own reconcilers.
package controllers

const (
	// DerivedServiceAnnotation is set on a ServiceImport to reference the
	// derived Service that represents the imported service for kube-proxy.
	DerivedServiceAnnotation = "multicluster.kubernetes.io/derived-service"
)
