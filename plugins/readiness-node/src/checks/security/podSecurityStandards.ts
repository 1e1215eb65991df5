/**
 * The Pod Security Standards (https://kubernetes.io/docs/concepts/security/pod-security-standards/)
 * evaluated on one pod spec, as the `baseline` and `restricted` admission levels define them.
 */

const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);
const SELINUX_TYPES = new Set([
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
]);
const RESTRICTED_VOLUMES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);
const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

export interface PodSecurityVerdict {
  /** Breaks `baseline`, or runs as root: the check fails. */
  fail: string[];
  /** Meets `baseline` but not `restricted`. */
  restricted: string[];
}

/**
 * Why a container runs as root, or undefined when it does not. The container's own fields
 * override the pod's. Without `runAsNonRoot: true` or a non-zero `runAsUser` at either level,
 * the image's USER decides, which is root for most images: that counts as root. uid 0 is root
 * whatever else is set.
 */
export function runsAsRoot(
  podContext: any,
  containerContext: any,
): string | undefined {
  const uid = containerContext?.runAsUser ?? podContext?.runAsUser;
  const nonRoot = containerContext?.runAsNonRoot ?? podContext?.runAsNonRoot;
  if (uid === 0) return 'runAsUser 0 (root)';
  if (typeof uid === 'number' && uid > 0) return undefined;
  if (nonRoot === true) return undefined;
  return 'runs as root: neither pod nor container sets runAsNonRoot: true or a non-zero runAsUser';
}

const normCap = (c: unknown) => String(c).toUpperCase().replace(/^CAP_/, '');

export function evaluatePodSecurity(
  spec: any,
  annotations: Record<string, string> = {},
): PodSecurityVerdict {
  const fail: string[] = [];
  const restricted: string[] = [];
  const pod = spec?.securityContext ?? {};
  const containers: { name: string; c: any }[] = [
    'initContainers',
    'containers',
    'ephemeralContainers',
  ].flatMap(field =>
    (spec?.[field] ?? []).map((c: any) => ({
      name: String(c?.name ?? '?'),
      c: c ?? {},
    })),
  );

  for (const ns of ['hostNetwork', 'hostPID', 'hostIPC']) {
    if (spec?.[ns] === true) fail.push(`${ns}: true`);
  }
  if (pod.windowsOptions?.hostProcess === true)
    fail.push('windowsOptions.hostProcess: true');
  for (const v of spec?.volumes ?? []) {
    if (v?.hostPath)
      fail.push(`hostPath volume ${v.name} (${v.hostPath.path})`);
    else {
      const type = Object.keys(v ?? {}).find(k => k !== 'name');
      if (type && !RESTRICTED_VOLUMES.has(type))
        restricted.push(`volume ${v.name} of type ${type}`);
    }
  }
  for (const s of pod.sysctls ?? []) {
    if (!SAFE_SYSCTLS.has(s?.name)) fail.push(`unsafe sysctl ${s?.name}`);
  }
  const podSeccomp = pod.seccompProfile?.type;
  if (podSeccomp === 'Unconfined') fail.push('pod seccompProfile Unconfined');
  if (pod.appArmorProfile?.type === 'Unconfined')
    fail.push('pod appArmorProfile Unconfined');
  const selinux = (o: any, where: string) => {
    if (!o) return;
    if (!SELINUX_TYPES.has(o.type ?? ''))
      fail.push(`${where} seLinuxOptions.type ${o.type}`);
    if (o.user || o.role) fail.push(`${where} seLinuxOptions sets user/role`);
  };
  selinux(pod.seLinuxOptions, 'pod');

  for (const { name, c } of containers) {
    const sc = c.securityContext ?? {};
    const where = `container ${name}`;
    if (sc.privileged === true) fail.push(`${where} privileged`);
    if (sc.windowsOptions?.hostProcess === true)
      fail.push(`${where} windowsOptions.hostProcess`);
    for (const p of c.ports ?? []) {
      if (p?.hostPort) fail.push(`${where} hostPort ${p.hostPort}`);
    }
    const added = (sc.capabilities?.add ?? []).map(normCap);
    const beyond = added.filter(
      (cap: string) => !BASELINE_CAPABILITIES.has(cap),
    );
    if (beyond.length)
      fail.push(`${where} adds capabilities ${beyond.join(', ')}`);
    const notBind = added.filter(
      (cap: string) =>
        cap !== 'NET_BIND_SERVICE' && BASELINE_CAPABILITIES.has(cap),
    );
    if (notBind.length)
      restricted.push(
        `${where} adds ${notBind.join(', ')} (only NET_BIND_SERVICE allowed)`,
      );
    if (!(sc.capabilities?.drop ?? []).map(normCap).includes('ALL'))
      restricted.push(`${where} does not drop ALL capabilities`);
    if (sc.procMount && sc.procMount !== 'Default')
      fail.push(`${where} procMount ${sc.procMount}`);
    if (sc.seccompProfile?.type === 'Unconfined')
      fail.push(`${where} seccompProfile Unconfined`);
    if (sc.appArmorProfile?.type === 'Unconfined')
      fail.push(`${where} appArmorProfile Unconfined`);
    const apparmor = annotations[`${APPARMOR_ANNOTATION}${name}`];
    if (
      apparmor &&
      apparmor !== 'runtime/default' &&
      !apparmor.startsWith('localhost/')
    ) {
      fail.push(`${where} AppArmor profile ${apparmor}`);
    }
    selinux(sc.seLinuxOptions, where);
    const root = runsAsRoot(pod, sc);
    if (root) fail.push(`${where} ${root}`);
    if (sc.allowPrivilegeEscalation !== false)
      restricted.push(`${where} allowPrivilegeEscalation not false`);
    if ((sc.runAsNonRoot ?? pod.runAsNonRoot) !== true)
      restricted.push(`${where} runAsNonRoot not true`);
    const seccomp = sc.seccompProfile?.type ?? podSeccomp;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') {
      restricted.push(
        `${where} seccompProfile not RuntimeDefault or Localhost`,
      );
    }
  }
  return { fail, restricted };
}
