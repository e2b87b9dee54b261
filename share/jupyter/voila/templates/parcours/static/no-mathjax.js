/* MathJax is not used by the dashboards: this file stands in for the CDN script that Voilà's
   typesetter loads. It provides the few MathJax 2 calls the typesetter makes once the script
   has loaded, doing nothing, so that no "MathJax is not defined" error reaches the page. */
window.MathJax = window.MathJax || {
  Hub: {
    config: {},
    Config: function () {},
    Configured: function () {},
    Queue: function () {},
    Register: { StartupHook: function () {} },
  },
  Ajax: {},
  InputJax: { TeX: { resetEquationNumbers: function () {} } },
};
