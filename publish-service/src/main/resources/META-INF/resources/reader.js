// Newsflow reader: adds articles published while the page is open, from the server-sent events of
// GET /articles/stream, filtered like the page. Article data only ever reaches the page through textContent and
// validated attributes, never as HTML, and the page works the same without this script.
'use strict';

(() => {
  const FILTERS = ['language', 'category', 'keyword', 'entity', 'tag', 'q'];
  const list = document.getElementById('articles');
  const pageQuery = new URLSearchParams(window.location.search);
  // Older pages are not live: new articles belong on the first page, above what the reader is looking at.
  if (!list || !('EventSource' in window) || pageQuery.has('cursor')) {
    return;
  }
  const path = list.dataset.path || window.location.pathname;
  const live = document.getElementById('live');
  const empty = document.getElementById('empty');

  const filters = new URLSearchParams();
  for (const name of FILTERS) {
    const value = pageQuery.get(name);
    if (value) {
      filters.set(name, value);
    }
  }

  // Same order as the server's links, so equal filters make equal URLs.
  function filterHref(name, value) {
    const query = new URLSearchParams();
    for (const filter of FILTERS) {
      const current = filter === name ? value : filters.get(filter);
      if (current) {
        query.set(filter, current);
      }
    }
    const text = query.toString();
    return text ? `${path}?${text}` : path;
  }

  function articleHref(id) {
    return `${path.endsWith('/') ? path : `${path}/`}${encodeURIComponent(id)}`;
  }

  function isWebUrl(url) {
    return typeof url === 'string' && /^https?:\/\//i.test(url);
  }

  function text(value) {
    return typeof value === 'string' ? value : '';
  }

  function element(tag, className, content) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (content) {
      node.textContent = content;
    }
    return node;
  }

  function link(href, className, content) {
    const anchor = element('a', className, content);
    anchor.setAttribute('href', href);
    return anchor;
  }

  // The wall-clock time as the source wrote it, like the server's date: the offset in the ISO string is the
  // article's own, not the reader's.
  function localDate(iso) {
    const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(text(iso));
    if (!match) {
      return '';
    }
    const [, year, month, day, hour, minute] = match.map(Number);
    const wallClock = new Date(Date.UTC(year, month - 1, day, hour, minute));
    return new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
      day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC',
    }).format(wallClock);
  }

  function chip(className, href, label, type) {
    const item = document.createElement('li');
    const anchor = link(href, `chip ${className}`, label);
    if (type) {
      anchor.dataset.type = type;
    }
    item.append(anchor);
    return item;
  }

  function items(value) {
    return Array.isArray(value) ? value.filter((entry) => entry && typeof entry === 'object') : [];
  }

  function render(article) {
    const item = element('li', 'article fresh');
    item.dataset.id = article.id;
    const body = element('article');
    if (text(article.language)) {
      body.lang = article.language;
    }
    body.dir = 'auto';

    const title = element('h2', 'title');
    title.append(link(articleHref(article.id), '', text(article.title)));
    body.append(title);

    const meta = element('p', 'meta');
    const date = localDate(article.publishedAt);
    if (date) {
      const time = element('time', '', date);
      time.dateTime = article.publishedAt;
      meta.append(time);
    }
    if (isWebUrl(article.url)) {
      const source = link(article.url, 'source', text(article.source) || 'Original');
      source.rel = 'noopener';
      meta.append(source);
    } else if (text(article.source)) {
      meta.append(element('span', 'source', article.source));
    }
    if (text(article.author)) {
      meta.append(element('span', 'author', article.author));
    }
    body.append(meta);

    if (text(article.summary)) {
      body.append(element('p', 'summary', article.summary));
    }

    const chips = element('ul', 'chips');
    chips.setAttribute('aria-label', 'Topics');
    for (const category of items(article.categories)) {
      if (text(category.code)) {
        chips.append(chip('category', filterHref('category', category.code), text(category.label) || category.code));
      }
    }
    for (const entity of items(article.entities)) {
      if (text(entity.name)) {
        chips.append(chip('entity', filterHref('entity', entity.name), entity.name, text(entity.type)));
      }
    }
    for (const keyword of items(article.keywords)) {
      if (text(keyword.slug)) {
        chips.append(chip('keyword', filterHref('keyword', keyword.slug), text(keyword.text) || keyword.slug));
      }
    }
    if (chips.childElementCount > 0) {
      body.append(chips);
    }

    item.append(body);
    return item;
  }

  function show(article) {
    const fresh = render(article);
    // A new revision of an article on the page takes its place rather than appearing twice.
    const existing = Array.from(list.children).find((child) => child.dataset.id === article.id);
    if (existing) {
      existing.replaceWith(fresh);
    } else {
      list.prepend(fresh);
    }
    if (empty) {
      empty.hidden = true;
    }
  }

  function setLive(state) {
    if (!live) {
      return;
    }
    live.hidden = false;
    live.classList.toggle('offline', state !== 'live');
    live.textContent = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', offline: 'Offline' }[state];
  }

  const query = filters.toString();
  setLive('connecting');
  const stream = new EventSource(`/articles/stream${query ? `?${query}` : ''}`);
  stream.addEventListener('open', () => setLive('live'));
  // EventSource reconnects by itself, sending the last event id so that the server resumes after it; it gives up
  // only when the server refuses the stream.
  stream.addEventListener('error', () => {
    setLive(stream.readyState === EventSource.CLOSED ? 'offline' : 'reconnecting');
  });
  stream.addEventListener('article', (event) => {
    let article;
    try {
      article = JSON.parse(event.data);
    } catch {
      return;
    }
    if (article && typeof article.id === 'string' && article.id) {
      show(article);
    }
  });
})();
