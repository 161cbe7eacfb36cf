//! A proxy's shared state: its routes (changed in place), policy, identities, upstream pools,
//! counters and own-time histograms. Everything runs on one thread; the locks are uncontended.
use crate::config::{AuthorityRoute, Identity, L4Upstream, L7Policy, L7Route, ListenerSpec, ProxyConfig, ProxyKind, Upstream};
use crate::error::Error;
use crate::hbone::{HboneClient, TunnelDial};
use crate::messages::{Counters, ProxyStats};
use crate::pool::{Connector, H1Pool};
use crate::stats::{ProcessUsage, WindowHistogram};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, RwLock};

const RECENT_IDS: usize = 64;

pub struct Proxy {
    pub id: String,
    pub kind: ProxyKind,
    pub identities: Arc<HashMap<String, Identity>>,
    pub hbone: HboneClient,
    specs: RwLock<HashMap<String, Arc<ListenerSpec>>>,
    policy: RwLock<Arc<L7Policy>>,
    /// What a server-side proxy applies (see L7Policy::none).
    pub no_policy: Arc<L7Policy>,
    pools: Mutex<HashMap<Upstream, Arc<H1Pool>>>,
    pub counters: Mutex<Counters>,
    own: Mutex<(WindowHistogram, BTreeMap<String, WindowHistogram>)>,
    usage: Mutex<ProcessUsage>,
}

impl Proxy {
    pub fn new(config: &ProxyConfig) -> Proxy {
        let identities = Arc::new(config.identities.clone());
        Proxy {
            id: config.id.clone(),
            kind: config.kind,
            hbone: HboneClient::new(identities.clone()),
            identities,
            specs: RwLock::new(config.listeners.iter().map(|l| (l.id().to_string(), Arc::new(l.clone()))).collect()),
            policy: RwLock::new(Arc::new(config.policy.clone())),
            no_policy: Arc::new(L7Policy::none()),
            pools: Mutex::default(),
            counters: Mutex::default(),
            own: Mutex::default(),
            usage: Mutex::default(),
        }
    }

    pub fn l7(&self) -> bool {
        self.kind != ProxyKind::Ztunnel
    }

    pub fn identity(&self, name: &str) -> Result<&Identity, Error> {
        self.identities.get(name).ok_or_else(|| Error::UnknownIdentity(name.to_string()))
    }

    pub fn set_policy(&self, policy: L7Policy) {
        *self.policy.write().unwrap() = Arc::new(policy);
    }

    pub fn policy(&self) -> Arc<L7Policy> {
        self.policy.read().unwrap().clone()
    }

    /// Routes change in place (mTLS on/off, a waypoint added); listeners stay bound. A listener
    /// this proxy does not have, or one of another kind than the one bound, is refused, and
    /// then none of the update applies.
    pub fn set_routes(&self, listeners: Vec<ListenerSpec>) -> Result<(), Error> {
        let mut specs = self.specs.write().unwrap();
        for l in &listeners {
            match specs.get(l.id()) {
                None => return Err(Error::UnknownListener(l.id().to_string())),
                Some(bound) if std::mem::discriminant(bound.as_ref()) != std::mem::discriminant(l) => {
                    return Err(Error::ListenerKindChanged(l.id().to_string()))
                }
                Some(_) => {}
            }
        }
        for l in listeners {
            specs.insert(l.id().to_string(), Arc::new(l));
        }
        Ok(())
    }

    /// The listener's current spec (routes change in place; a connection looks them up per request).
    fn spec(&self, listener: &str) -> Option<Arc<ListenerSpec>> {
        self.specs.read().unwrap().get(listener).cloned()
    }

    /// An HTTP listener's current route for `key` (`*`, `ip:port`).
    pub fn l7_route(&self, listener: &str, key: &str) -> Option<L7Route> {
        match self.spec(listener)?.as_ref() {
            ListenerSpec::H1 { routes, .. } | ListenerSpec::H1Permissive { routes, .. } => routes.get(key).cloned(),
            ListenerSpec::Hbone { .. } | ListenerSpec::Tcp { .. } => None,
        }
    }

    /// A TCP listener's current upstream for `key` (`*`, `ip:port`, `src>ip:port`).
    pub fn l4_route(&self, listener: &str, key: &str) -> Option<L4Upstream> {
        match self.spec(listener)?.as_ref() {
            ListenerSpec::Tcp { routes, .. } => routes.get(key).cloned(),
            ListenerSpec::H1 { .. } | ListenerSpec::H1Permissive { .. } | ListenerSpec::Hbone { .. } => None,
        }
    }

    /// What an HBONE listener currently does with a CONNECT to `authority`.
    pub fn authority_route(&self, listener: &str, authority: &str) -> Option<AuthorityRoute> {
        match self.spec(listener)?.as_ref() {
            ListenerSpec::Hbone { by_authority, .. } => by_authority.get(authority).cloned(),
            ListenerSpec::H1 { .. } | ListenerSpec::H1Permissive { .. } | ListenerSpec::Tcp { .. } => None,
        }
    }

    pub fn count(&self, f: impl FnOnce(&mut Counters)) {
        f(&mut self.counters.lock().unwrap());
    }

    pub fn upstream_error(&self, what: &str) {
        let n = {
            let mut c = self.counters.lock().unwrap();
            c.upstream_errors += 1;
            c.upstream_errors
        };
        // The first few say why; a storm of them must not flood the log.
        if n <= 3 {
            eprintln!("{}: {what}", self.id);
        }
    }

    pub fn remember_request(&self, request_id: &str) {
        let mut c = self.counters.lock().unwrap();
        c.requests += 1;
        c.recent_request_ids.push_back(request_id.to_string());
        if c.recent_request_ids.len() > RECENT_IDS {
            c.recent_request_ids.pop_front();
        }
    }

    pub fn record_own(&self, listener: &str, us: f64) {
        let mut own = self.own.lock().unwrap();
        own.0.record(us);
        match own.1.get_mut(listener) {
            Some(h) => h.record(us),
            None => own.1.entry(listener.to_string()).or_default().record(us),
        }
    }

    /// The pooled HTTP/1.1 client for an upstream, created on first use.
    pub fn pool(&self, upstream: &Upstream) -> Result<Arc<H1Pool>, Error> {
        if let Some(p) = self.pools.lock().unwrap().get(upstream) {
            return Ok(p.clone());
        }
        let pool = match upstream {
            Upstream::H1 { host, port, source } => H1Pool::new(
                Connector::Tcp {
                    host: host.clone(),
                    port: *port,
                    source: source.clone(),
                },
                format!("{host}:{port}"),
            ),
            Upstream::H1Mtls { host, port, identity, peer } => {
                H1Pool::new(Connector::mtls(host, *port, self.identity(identity)?, peer)?, format!("{host}:{port}"))
            }
            Upstream::Hbone {
                host,
                port,
                identity,
                peer,
                authority,
            } => H1Pool::new(
                Connector::Hbone {
                    client: self.hbone.clone(),
                    target: TunnelDial {
                        host: host.clone(),
                        port: *port,
                        identity: identity.clone(),
                        peer: peer.clone(),
                        authority: authority.clone(),
                    },
                },
                authority.clone(),
            ),
        };
        self.pools.lock().unwrap().insert(upstream.clone(), pool.clone());
        Ok(pool)
    }

    pub fn stats(&self, req_id: Option<String>) -> ProxyStats {
        let (cpu_percent, rss_mb) = self.usage.lock().unwrap().sample();
        let (self_, self_by_listener) = {
            let mut own = self.own.lock().unwrap();
            let by = own.1.iter_mut().map(|(k, h)| (k.clone(), h.take_window())).collect();
            (own.0.take_window(), by)
        };
        ProxyStats {
            id: self.id.clone(),
            kind: self.kind,
            l7: self.l7(),
            counters: self.counters.lock().unwrap().clone(),
            self_,
            self_by_listener,
            cpu_percent,
            rss_mb,
            req_id,
        }
    }
}
