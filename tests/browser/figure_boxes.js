() => {
  const problems = [];
  const plots = [...document.querySelectorAll('.js-plotly-plot')].filter((gd) => {
    const r = gd.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && gd.offsetParent !== null;
  });
  const name = (el) => {
    const group = el.closest('[class]:not(text):not(tspan)');
    return `${group ? group.getAttribute('class').split(' ')[0] : '?'} «${el.textContent.trim().slice(0, 40)}»`;
  };
  plots.forEach((gd, index) => {
    const box = gd.querySelector('.main-svg').getBoundingClientRect();
    const texts = [...gd.querySelectorAll('svg text')].filter((el) => {
      if (el.closest('.hoverlayer, .modebar, .infolayer .g-gtitle:empty')) return false;
      if (!el.textContent.trim()) return false;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    });
    const rects = texts.map((el) => [el, el.getBoundingClientRect()]);
    const tol = 1.5;
    for (const [el, r] of rects) {
      if (r.left < box.left - tol || r.right > box.right + tol || r.top < box.top - tol || r.bottom > box.bottom + tol) {
        problems.push(`figure ${index}: ${name(el)} clipped (${Math.round(r.left - box.left)},${Math.round(r.top - box.top)} ${Math.round(r.width)}×${Math.round(r.height)} in ${Math.round(box.width)}×${Math.round(box.height)})`);
      }
      /* A map's texts are clipped by its frame (the geo subplot's clip path), not the figure's. */
      const geo = el.closest('.geo');
      const frame = geo && geo.querySelector('.bg rect');
      if (frame) {
        const f = frame.getBoundingClientRect();
        if (r.left < f.left - tol || r.right > f.right + tol || r.top < f.top - tol || r.bottom > f.bottom + tol) {
          problems.push(`figure ${index}: ${name(el)} cut by its map's frame (${Math.round(r.left - f.left)},${Math.round(r.top - f.top)} ${Math.round(r.width)}×${Math.round(r.height)} in ${Math.round(f.width)}×${Math.round(f.height)})`);
        }
      }
    }
    for (let i = 0; i < rects.length; i++) {
      for (let j = i + 1; j < rects.length; j++) {
        const [a, ra] = rects[i];
        const [b, rb] = rects[j];
        if (a.contains(b) || b.contains(a)) continue;
        const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (w > 2 && h > 2) problems.push(`figure ${index}: ${name(a)} overlaps ${name(b)}`);
      }
    }
  });
  return {figures: plots.length, problems};
}
