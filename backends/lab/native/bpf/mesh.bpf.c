// The eBPF data plane of the lab, loaded once per node and attached only in the eBPF modes.
//  cgroup/connect4   service ClusterIP:port -> a backend pod at connect() (socket-level load
//                    balancing, as Cilium's kube-proxy replacement does: no per-packet NAT), or,
//                    with the node L7 proxy on (ebpf-l7), -> that proxy, remembering the original
//                    destination.
//  sockops + sk_msg  same-node pod sockets go into a SOCKHASH and their messages are redirected
//                    socket to socket, skipping the TCP/IP stack. Only same-node pairs: a real
//                    cluster cannot shortcut traffic between nodes. (Cilium removed its sockmap
//                    acceleration in 1.14; this shows the mechanism, not Cilium.)
//  cgroup/getsockopt answers the node proxy's SO_ORIGINAL_DST from what connect4 remembered.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define SOL_IP 0
#define SO_ORIGINAL_DST 80
#define PROXY_UID 1337

struct svc_key { __u32 ip; __u32 port; };            /* ip network order, port host order */
struct addr { __u32 ip; __u32 port; };
struct cfg { __u32 node_prefix; __u32 node_mask; __u32 l7_ip; __u32 l7_port; }; /* l7_port 0: off */
struct sock_key { __u32 sip, dip, sport, dport; };

enum { ST_TRANSLATED, ST_TO_L7, ST_SOCKETS, ST_MSG_REDIRECT, ST_MSG_PASS, ST_ORIGDST, ST_MAX };

struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 256);
         __type(key, struct svc_key); __type(value, struct addr); } ms_services SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1);
         __type(key, __u32); __type(value, struct cfg); } ms_cfg SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, ST_MAX);
         __type(key, __u32); __type(value, __u64); } ms_stats SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_LRU_HASH); __uint(max_entries, 65536);
         __type(key, __u64); __type(value, struct addr); } ms_orig_by_cookie SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_LRU_HASH); __uint(max_entries, 65536);
         __type(key, struct addr); __type(value, struct addr); } ms_orig_by_client SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_SOCKHASH); __uint(max_entries, 65536);
         __type(key, struct sock_key); __type(value, __u32); } ms_sock_hash SEC(".maps");

static __always_inline void bump(__u32 i) {
  __u64 *v = bpf_map_lookup_elem(&ms_stats, &i);
  if (v) __sync_fetch_and_add(v, 1);
}

static __always_inline struct cfg *config(void) {
  __u32 zero = 0;
  return bpf_map_lookup_elem(&ms_cfg, &zero);
}

SEC("cgroup/connect4")
int ms_connect4(struct bpf_sock_addr *ctx) {
  if (ctx->protocol != 6) return 1;
  if ((bpf_get_current_uid_gid() & 0xffffffff) == PROXY_UID) return 1;
  struct svc_key key = { .ip = ctx->user_ip4, .port = bpf_ntohs(ctx->user_port) };
  struct addr *backend = bpf_map_lookup_elem(&ms_services, &key);
  if (!backend) return 1;
  struct cfg *c = config();
  if (c && c->l7_port) {
    struct addr orig = { .ip = key.ip, .port = key.port };
    __u64 cookie = bpf_get_socket_cookie(ctx);
    bpf_map_update_elem(&ms_orig_by_cookie, &cookie, &orig, BPF_ANY);
    ctx->user_ip4 = c->l7_ip;
    ctx->user_port = bpf_htons(c->l7_port);
    bump(ST_TO_L7);
    return 1;
  }
  ctx->user_ip4 = backend->ip;
  ctx->user_port = bpf_htons(backend->port);
  bump(ST_TRANSLATED);
  return 1;
}

static __always_inline int same_node_pods(struct cfg *c, __u32 a, __u32 b) {
  /* both in this node's pod subnet, and neither the node's own address (.1, its proxies) */
  __u32 mask = c->node_mask, node = c->node_prefix;
  if ((a & mask) != node || (b & mask) != node) return 0;
  __u32 gw = node | bpf_htonl(1);
  return a != gw && b != gw;
}

SEC("sockops")
int ms_sockops(struct bpf_sock_ops *skops) {
  if (skops->family != 2) return 1;
  if (skops->op != BPF_SOCK_OPS_ACTIVE_ESTABLISHED_CB && skops->op != BPF_SOCK_OPS_PASSIVE_ESTABLISHED_CB) return 1;
  if (skops->op == BPF_SOCK_OPS_ACTIVE_ESTABLISHED_CB) {
    __u64 cookie = bpf_get_socket_cookie(skops);
    struct addr *o = bpf_map_lookup_elem(&ms_orig_by_cookie, &cookie);
    if (o) {
      struct addr client = { .ip = skops->local_ip4, .port = skops->local_port };
      struct addr orig = *o;
      bpf_map_update_elem(&ms_orig_by_client, &client, &orig, BPF_ANY);
      bpf_map_delete_elem(&ms_orig_by_cookie, &cookie);
    }
  }
  struct cfg *c = config();
  if (!c || !same_node_pods(c, skops->local_ip4, skops->remote_ip4)) return 1;
  struct sock_key k = { .sip = skops->local_ip4, .dip = skops->remote_ip4,
                        .sport = skops->local_port, .dport = bpf_ntohl(skops->remote_port) };
  if (bpf_sock_hash_update(skops, &ms_sock_hash, &k, BPF_NOEXIST) == 0) bump(ST_SOCKETS);
  return 1;
}

SEC("sk_msg")
int ms_msg(struct sk_msg_md *msg) {
  struct sock_key k = { .sip = msg->remote_ip4, .dip = msg->local_ip4,
                        .sport = bpf_ntohl(msg->remote_port), .dport = msg->local_port };
  /* Always SK_PASS: a peer that is not in the map still gets its data the normal way. */
  bump(bpf_msg_redirect_hash(msg, &ms_sock_hash, &k, BPF_F_INGRESS) == SK_PASS ? ST_MSG_REDIRECT : ST_MSG_PASS);
  return SK_PASS;
}

SEC("cgroup/getsockopt")
int ms_getsockopt(struct bpf_sockopt *ctx) {
  if (ctx->level != SOL_IP || ctx->optname != SO_ORIGINAL_DST) return 1;
  struct bpf_sock *sk = ctx->sk;
  if (!sk) return 1;
  struct addr client = { .ip = sk->dst_ip4, .port = bpf_ntohs(sk->dst_port) };
  struct addr *o = bpf_map_lookup_elem(&ms_orig_by_client, &client);
  if (!o) return 1;
  __u8 *v = ctx->optval;
  if (v + 16 > (__u8 *)ctx->optval_end) return 1;
  __builtin_memset(v, 0, 16);
  *(__u16 *)v = 2; /* AF_INET */
  *(__u16 *)(v + 2) = bpf_htons(o->port);
  *(__u32 *)(v + 4) = o->ip;
  ctx->optlen = 16;
  asm volatile("" ::: "memory"); /* keeps clang from merging the stores into one the verifier rejects */
  ctx->retval = 0;
  bump(ST_ORIGDST);
  return 1;
}

char LICENSE[] SEC("license") = "GPL";
