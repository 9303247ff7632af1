// UI text in Chinese and English; the choice is remembered per browser.
const TEXT = {
  zh: {
    title: '对话测试台', subtitle: '聊天 · 实时检查', placeholder: '输入消息…', send: '发送', newChat: '新对话',
    inspector: '检查器', state: '当前状态', turns: '每轮解析', form: '表单', requested: '正在询问', none: '无',
    slots: '槽位', intent: '意图', ranking: '候选意图', entities: '实体', decidedBy: '判定路径', policy: '动作策略',
    latency: '耗时', masked: '敏感值已脱敏', plaintext: '明文显示', token: '访问令牌 (token 或 JWT)', apply: '应用',
    tokenHint: '粘贴令牌以查看明文敏感值', connected: '已连接', connecting: '连接中…', offline: '连接断开,正在重连…',
    noTurns: '发送一条消息后,这里会显示每一轮的意图、实体和槽位。', authNeeded: '服务器开启了鉴权:粘贴令牌后才能查看状态。',
    conversation: '会话', you: '我', bot: '机器人', from: '来自其他设备', hide: '收起', show: '展开', lang: 'EN',
  },
  en: {
    title: 'test console', subtitle: 'Chat · live inspector', placeholder: 'Type a message…', send: 'Send', newChat: 'New chat',
    inspector: 'Inspector', state: 'Current state', turns: 'Turns', form: 'Form', requested: 'Requested slot', none: 'none',
    slots: 'Slots', intent: 'Intent', ranking: 'Ranking', entities: 'Entities', decidedBy: 'Decided by', policy: 'Policy',
    latency: 'Latency', masked: 'sensitive values masked', plaintext: 'values in plaintext', token: 'Access token (token or JWT)', apply: 'Apply',
    tokenHint: 'Paste a token to see sensitive values in plaintext', connected: 'Connected', connecting: 'Connecting…', offline: 'Disconnected, reconnecting…',
    noTurns: 'Send a message: each turn\'s intent, entities and slots appear here.', authNeeded: 'This server requires auth: paste a token to see the state.',
    conversation: 'Conversation', you: 'You', bot: 'Bot', from: 'from another device', hide: 'Hide', show: 'Show', lang: '中文',
  },
};

const KEY = 'parley.lang';

export function initialLanguage(botLanguage) {
  const saved = localStorage.getItem(KEY);
  if (saved === 'zh' || saved === 'en') return saved;
  const hint = navigator.language || botLanguage || 'en';
  return hint.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function saveLanguage(lang) { localStorage.setItem(KEY, lang); }

export function t(lang, key) { return (TEXT[lang] ?? TEXT.en)[key] ?? key; }

/** Fills every element with data-i18n (text) or data-i18n-placeholder. */
export function applyText(lang, root = document) {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(lang, el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(lang, el.dataset.i18nPlaceholder);
}
