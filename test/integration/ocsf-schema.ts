/**
 * Attribute names of the OCSF 1.3 classes and objects crm-guard emits, taken from the schema
 * (github.com/ocsf/ocsf-schema: events/base_event.json, events/findings/finding.json,
 * events/findings/detection_finding.json, events/application/file_hosting.json and objects/*.json).
 * Tests check every emitted field against them, so a misspelt or invented field fails.
 */
type ObjectSpec = { attributes: readonly string[]; required?: readonly string[]; objects?: Record<string, string> };

const BASE = ['activity_id', 'activity_name', 'category_name', 'category_uid', 'class_name', 'class_uid', 'count', 'duration', 'end_time', 'enrichments', 'message', 'metadata', 'observables', 'raw_data', 'severity', 'severity_id', 'start_time', 'status', 'status_code', 'status_detail', 'status_id', 'time', 'timezone_offset', 'type_name', 'type_uid', 'unmapped'];
const BASE_REQUIRED = ['activity_id', 'category_uid', 'class_uid', 'metadata', 'severity_id', 'time', 'type_uid'];

export const OCSF_ATTRIBUTES: Record<string, ObjectSpec> = {
  detection_finding: {
    attributes: [...BASE, 'comment', 'confidence', 'confidence_id', 'confidence_score', 'device', 'evidences', 'finding_info', 'impact', 'impact_id', 'impact_score', 'is_alert', 'malware', 'malware_scan_info', 'remediation', 'resources', 'risk_details', 'risk_level', 'risk_level_id', 'risk_score', 'vulnerabilities', 'anomaly_analyses'],
    required: [...BASE_REQUIRED, 'finding_info'],
    objects: { metadata: 'metadata', finding_info: 'finding_info', evidences: 'evidences' },
  },
  file_hosting: {
    attributes: [...BASE, 'actor', 'connection_info', 'dst_endpoint', 'expiration_time', 'file', 'file_result', 'src_endpoint', 'http_request', 'http_response', 'share', 'share_type', 'share_type_id', 'access_list', 'access_mask', 'access_result'],
    required: [...BASE_REQUIRED, 'actor', 'file', 'src_endpoint'],
    objects: { metadata: 'metadata', actor: 'actor', file: 'file', src_endpoint: 'network_endpoint', dst_endpoint: 'network_endpoint' },
  },
  metadata: {
    attributes: ['correlation_uid', 'event_code', 'extension', 'extensions', 'labels', 'log_level', 'log_name', 'log_provider', 'log_version', 'logged_time', 'loggers', 'modified_time', 'original_time', 'processed_time', 'product', 'profiles', 'sequence', 'tenant_uid', 'uid', 'version'],
    required: ['product', 'version'],
    objects: { product: 'product' },
  },
  product: { attributes: ['cpe_name', 'feature', 'lang', 'name', 'path', 'uid', 'url_string', 'vendor_name', 'version'], required: ['vendor_name'] },
  finding_info: {
    attributes: ['analytic', 'attacks', 'created_time', 'data_sources', 'desc', 'first_seen_time', 'kill_chain', 'last_seen_time', 'modified_time', 'product', 'product_uid', 'related_analytics', 'related_events', 'related_events_count', 'scan', 'src_url', 'tags', 'title', 'types', 'uid', 'uid_alt'],
    required: ['uid'],
    objects: { analytic: 'analytic' },
  },
  analytic: { attributes: ['algorithm', 'category', 'desc', 'name', 'related_analytics', 'type', 'type_id', 'uid', 'version'], required: ['type_id'] },
  evidences: {
    attributes: ['actor', 'api', 'connection_info', 'container', 'data', 'database', 'databucket', 'device', 'dst_endpoint', 'email', 'file', 'http_request', 'http_response', 'ja4_fingerprint_list', 'job', 'name', 'process', 'query', 'resources', 'script', 'src_endpoint', 'tls', 'uid', 'url', 'user', 'verdict', 'verdict_id'],
    objects: { actor: 'actor', file: 'file', dst_endpoint: 'network_endpoint', src_endpoint: 'network_endpoint', user: 'user' },
  },
  actor: { attributes: ['app_name', 'app_uid', 'authorizations', 'idp', 'invoked_by', 'process', 'session', 'user'], objects: { user: 'user' } },
  user: { attributes: ['account', 'credential_uid', 'display_name', 'domain', 'email_addr', 'forward_addr', 'full_name', 'groups', 'has_mfa', 'ldap_person', 'name', 'org', 'risk_level', 'risk_level_id', 'risk_score', 'type', 'type_id', 'uid', 'uid_alt'] },
  file: {
    attributes: ['accessed_time', 'accessor', 'attributes', 'company_name', 'confidentiality', 'confidentiality_id', 'created_time', 'creator', 'desc', 'drive_type', 'drive_type_id', 'encryption_details', 'ext', 'hashes', 'is_deleted', 'is_encrypted', 'is_public', 'is_readonly', 'is_system', 'mime_type', 'modified_time', 'modifier', 'name', 'owner', 'parent_folder', 'path', 'product', 'security_descriptor', 'signature', 'size', 'storage_class', 'tags', 'type', 'type_id', 'uid', 'uri', 'url', 'version', 'volume', 'xattributes'],
    required: ['name', 'type_id'],
  },
  network_endpoint: {
    attributes: ['agent_list', 'autonomous_system', 'domain', 'hostname', 'hw_info', 'instance_uid', 'interface_name', 'interface_uid', 'intermediate_ips', 'ip', 'location', 'mac', 'name', 'os', 'owner', 'port', 'proxy_endpoint', 'subnet_uid', 'svc_name', 'type', 'type_id', 'uid', 'vlan_uid', 'vpc_uid', 'zone'],
  },
};

const CLASS_BY_UID: Record<number, string> = { 2004: 'detection_finding', 6006: 'file_hosting' };

/** Fields of an emitted event that its class or object does not define, and required ones missing, as paths. */
export function unknownOcsfFields(event: Record<string, unknown>, schema = OCSF_ATTRIBUTES): string[] {
  const cls = CLASS_BY_UID[event.class_uid as number];
  if (!cls) return [`class_uid ${String(event.class_uid)} is not one we check`];
  return check(event, cls, '', schema);
}

function check(value: Record<string, unknown>, type: string, path: string, schema: Record<string, ObjectSpec>): string[] {
  const spec = schema[type]!;
  const problems: string[] = [];
  for (const required of spec.required ?? []) if (value[required] === undefined) problems.push(`${path}${required} (required, missing)`);
  for (const [key, child] of Object.entries(value)) {
    if (!spec.attributes.includes(key)) problems.push(`${path}${key}`);
    // `unmapped` is the schema's place for what it does not model; its contents are free.
    const childType = spec.objects?.[key];
    if (!childType || child === null || typeof child !== 'object') continue;
    const items = Array.isArray(child) ? child : [child];
    items.forEach((item, i) => problems.push(...check(item as Record<string, unknown>, childType, `${path}${key}${Array.isArray(child) ? `[${i}]` : ''}.`, schema)));
  }
  return problems;
}
