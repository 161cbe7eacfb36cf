// getOriginalDst(fd) -> { address, port }: the destination a connection had before iptables
// REDIRECT (or an eBPF cgroup/getsockopt hook) sent it to the proxy — getsockopt(SOL_IP,
// SO_ORIGINAL_DST), exactly what Envoy and ztunnel call. Compiled at lab start (gcc, ~0.3 s).
#include <node_api.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <linux/netfilter_ipv4.h>
#include <errno.h>
#include <string.h>

static napi_value get_original_dst(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  int32_t fd;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 1 || napi_get_value_int32(env, argv[0], &fd) != napi_ok) {
    napi_throw_type_error(env, NULL, "getOriginalDst(fd): fd must be a number");
    return NULL;
  }
  struct sockaddr_in sa;
  socklen_t len = sizeof(sa);
  if (getsockopt(fd, SOL_IP, SO_ORIGINAL_DST, &sa, &len) != 0) {
    napi_throw_error(env, NULL, strerror(errno));
    return NULL;
  }
  char ip[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &sa.sin_addr, ip, sizeof ip);
  napi_value obj, address, port;
  napi_create_object(env, &obj);
  napi_create_string_utf8(env, ip, NAPI_AUTO_LENGTH, &address);
  napi_create_int32(env, ntohs(sa.sin_port), &port);
  napi_set_named_property(env, obj, "address", address);
  napi_set_named_property(env, obj, "port", port);
  return obj;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "getOriginalDst", NAPI_AUTO_LENGTH, get_original_dst, NULL, &fn);
  napi_set_named_property(env, exports, "getOriginalDst", fn);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
